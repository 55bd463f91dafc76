package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/** Local-only settings of a node, kept in {@code HOME/node.properties}: never synced. */
final class NodeSettings {
  static final int DEFAULT_PORT = 7419;
  private static final String FILE = "node.properties";

  private final Path file;
  private final Properties values;

  private NodeSettings(Path file, Properties values) {
    this.file = file;
    this.values = values;
  }

  static NodeSettings load(NodeHome home) {
    Path file = home.path().resolve(FILE);
    Properties values = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        values.load(in);
      } catch (IOException e) {
        throw new GtfcException(Problem.ENVIRONMENT, "cannot read " + file + ": " + e.getMessage());
      }
    }
    return new NodeSettings(file, values);
  }

  Optional<Endpoint> listen() {
    return endpoint("listen");
  }

  Optional<Endpoint> advertise() {
    return endpoint("advertise");
  }

  /** How long the post-sync hook may run: {@code post-sync-timeout} (e.g. 90s, 5m), else 60 s. */
  Duration postSyncTimeout() {
    String v = values.getProperty("post-sync-timeout");
    if (v == null) {
      return ProcessSyncHooks.DEFAULT_LIMIT;
    }
    try {
      Duration limit = Converters.duration(v);
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("not positive");
      }
      return limit;
    } catch (RuntimeException e) {
      throw new GtfcException(Problem.BAD_STATE, file + ": 'post-sync-timeout' is wrong ('" + v
          + "'): use e.g. 60s or 5m");
    }
  }

  Optional<Path> folder() {
    return Optional.ofNullable(values.getProperty("folder")).map(Path::of);
  }

  NodeSettings with(Endpoint listen, Endpoint advertise, Path folder) {
    Properties next = new Properties();
    next.putAll(values);
    next.setProperty("listen", listen.toString());
    next.setProperty("advertise", advertise.toString());
    next.setProperty("folder", folder.toString());
    return new NodeSettings(file, next);
  }

  /** Deletes the settings file, for 'gtfc wipe'; nothing when there is none. */
  void forget() {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(file.resolveSibling(FILE + ".tmp"));
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot delete " + file + ": " + e.getMessage());
    }
  }

  Path file() {
    return file;
  }

  void save() {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(FILE + ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp)) {
        values.store(out, "gtfc node settings (local to this node, never synced)");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot write " + file + ": " + e.getMessage());
    }
  }

  /** A size such as {@code 2g}, {@code 512m}, {@code 64k} or a plain number. */
  Optional<Long> size(String key) {
    String v = values.getProperty(key);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    String s = v.trim().toLowerCase(java.util.Locale.ROOT);
    long unit = s.endsWith("k") ? 1L << 10 : s.endsWith("m") ? 1L << 20 : s.endsWith("g") ? 1L << 30 : 1;
    try {
      long n = Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1));
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return Optional.of(n * unit);
    } catch (NumberFormatException e) {
      throw new GtfcException(Problem.BAD_STATE, file + ": '" + key + "' is '" + v
          + "', not a positive size such as 2g, 512m, 64k or 100");
    }
  }

  private Optional<Endpoint> endpoint(String key) {
    String v = values.getProperty(key);
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Endpoint.parse(v, DEFAULT_PORT));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE, file + ": '" + key + "' is wrong: " + e.getMessage());
    }
  }
}
