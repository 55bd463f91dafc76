package io.gtfc.cli;

import io.gtfc.domain.CommitBatcher;
import io.gtfc.domain.Endpoint;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.WatchFolder;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Local-only settings of a node, kept in {@code HOME/node.properties} (never synced): whatever a
 * command-line option can say there, options given on the command line win. bootstrap and join
 * write {@code listen}, {@code advertise} and {@code folder}; the others are for a person to add.
 */
final class NodeSettings {
  static final int DEFAULT_PORT = 7419;
  static final String FILE = "node.properties";
  /** Every key this file may hold, with what it means: 'gtfc doctor' flags any other. */
  static final Map<String, String> KEYS = keys();

  private static Map<String, String> keys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("listen", "HOST:PORT this node's SSH server listens on (--listen); default 0.0.0.0:7419");
    keys.put("advertise", "HOST:PORT peers reach this node at (--advertise); default the listen address or host name");
    keys.put("folder", "the gtfc folder commands use when none is given and the working directory is not in one");
    keys.put("watcher", "auto, inotify, kqueue or poll (--watcher); default auto");
    keys.put("log", "error, warn, info or debug (-q, -v, GTFC_LOG); default warn");
    keys.put("anti-entropy", "how often the daemon fetches from every peer anyway, e.g. 30s; default 30s");
    keys.put("retry-max", "the longest the daemon waits before retrying a peer that is down, e.g. 30s; default 30s");
    keys.put("batch-quiet", "how long the folder must be quiet before an edit is committed, e.g. 20ms; default 10ms");
    keys.put("batch-max-delay", "the longest an edit waits for a quiet moment, e.g. 2s; default 2s");
    return Collections.unmodifiableMap(keys);
  }

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

  Optional<String> watcher() {
    return text("watcher");
  }

  Optional<String> logLevel() {
    return text("log");
  }

  /** The daemon's pacing: the defaults, with whatever this file says instead. */
  WatchFolder.Settings daemon() {
    WatchFolder.Settings d = WatchFolder.Settings.DEFAULT;
    CommitBatcher.Settings b = d.batching();
    try {
      return new WatchFolder.Settings(
          new CommitBatcher.Settings(duration("batch-quiet").orElse(b.quiet()),
              duration("batch-max-delay").orElse(b.maxDelay()), b.maxPaths()),
          duration("anti-entropy").orElse(d.antiEntropy()),
          d.firstRetry(),
          duration("retry-max").orElse(d.maxRetry()));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE, file + ": " + e.getMessage());
    }
  }

  /** Keys this file holds that gtfc does not know: a typo, most likely. */
  List<String> unknownKeys() {
    return values.stringPropertyNames().stream().filter(k -> !KEYS.containsKey(k)).sorted().toList();
  }

  Path file() {
    return file;
  }

  private Optional<String> text(String key) {
    return Optional.ofNullable(values.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private Optional<Duration> duration(String key) {
    Optional<String> v = text(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Converters.duration(v.get()));
    } catch (RuntimeException e) {
      throw new GtfcException(Problem.BAD_STATE, file + ": '" + key + "' is wrong: " + e.getMessage());
    }
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
