package io.gtfc.git;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.SyncJournal;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync journal as small files in the folder's git directory, under {@code gtfc-state/}: one
 * file per peer ({@code synced.NAME}: the instant and the peer's head then, a line each), so that
 * processes recording different peers never overwrite each other, and {@code daemon.properties}.
 * Each file is replaced by an atomic rename. Nothing is written for a folder whose git directory
 * does not exist.
 */
public final class FileSyncJournal implements SyncJournal {
  static final String DIRECTORY = "gtfc-state";
  private static final String SYNCED = "synced.";
  private static final String DAEMON = "daemon.properties";
  private static final Logger LOG = LoggerFactory.getLogger(FileSyncJournal.class);

  @Override
  public void synced(FolderLayout folder, NodeId peer, Instant when, Optional<Revision> head) {
    write(folder, SYNCED + peer.value(), when + "\n" + head.map(Revision::id).orElse("") + "\n");
  }

  @Override
  public Map<NodeId, Sync> lastSynced(FolderLayout folder) {
    Map<NodeId, Sync> synced = new TreeMap<>();
    Path dir = folder.gitDir().resolve(DIRECTORY);
    if (!Files.isDirectory(dir)) {
      return synced;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, SYNCED + "*")) {
      for (Path file : files) {
        String name = file.getFileName().toString().substring(SYNCED.length());
        try {
          List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
          Optional<Revision> head = lines.size() > 1 && !lines.get(1).isBlank()
              ? Optional.of(Revision.of(lines.get(1).trim())) : Optional.empty();
          synced.put(NodeId.of(name), new Sync(Instant.parse(lines.get(0).trim()), head));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | DateTimeParseException | IOException unreadable) {
          LOG.debug("skipping the unreadable sync record {}", file, unreadable);
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot list {}", dir, e);
    }
    return synced;
  }

  @Override
  public void daemon(FolderLayout folder, DaemonState state) {
    Properties p = new Properties();
    p.setProperty("pid", Long.toString(state.pid()));
    p.setProperty("mode", state.mode());
    p.setProperty("started", state.started().toString());
    state.address().ifPresent(a -> p.setProperty("address", a.toString()));
    p.setProperty("lastAction", state.lastAction());
    p.setProperty("updated", state.updated().toString());
    p.setProperty("running", Boolean.toString(state.running()));
    p.setProperty("upToDate", Boolean.toString(state.upToDate()));
    StringWriter text = new StringWriter();
    try {
      p.store(text, "what gtfc's daemon for " + folder.folder() + " last did (local to this node)");
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    write(folder, DAEMON, text.toString());
  }

  @Override
  public Optional<DaemonState> daemon(FolderLayout folder) {
    Path file = folder.gitDir().resolve(DIRECTORY).resolve(DAEMON);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
      var state = DaemonState.builder()
          .pid(Long.parseLong(p.getProperty("pid")))
          .mode(p.getProperty("mode", "watch"))
          .started(Instant.parse(p.getProperty("started")))
          .lastAction(p.getProperty("lastAction", ""))
          .updated(Instant.parse(p.getProperty("updated")))
          .running(Boolean.parseBoolean(p.getProperty("running")))
          .upToDate(Boolean.parseBoolean(p.getProperty("upToDate")));
      String address = p.getProperty("address");
      if (address != null) {
        state.address(Endpoint.parse(address, 0));
      }
      return Optional.of(state.build());
    } catch (IOException | RuntimeException unreadable) {
      LOG.debug("cannot read {}", file, unreadable);
      return Optional.empty();
    }
  }

  private static void write(FolderLayout folder, String name, String content) {
    if (!Files.isDirectory(folder.gitDir())) {
      return;
    }
    Path dir = folder.gitDir().resolve(DIRECTORY);
    Path target = dir.resolve(name);
    Path temp = dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      LOG.warn("cannot record {} in {}: {}", name, dir, e.getMessage());
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the warning above says enough
      }
    }
  }
}
