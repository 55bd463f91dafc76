package io.gtfc.ports.fakes;

import io.gtfc.domain.NodeId;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.SyncJournal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A fake {@link SyncJournal} that keeps its records in memory, per folder. */
public final class InMemorySyncJournal implements SyncJournal {
  private final Map<Path, Map<NodeId, Instant>> synced = new HashMap<>();
  private final Map<Path, DaemonState> daemons = new HashMap<>();

  @Override
  public synchronized void synced(FolderLayout folder, NodeId peer, Instant when) {
    synced.computeIfAbsent(folder.folder(), f -> new TreeMap<>()).put(peer, when);
  }

  @Override
  public synchronized Map<NodeId, Instant> lastSynced(FolderLayout folder) {
    return Map.copyOf(synced.getOrDefault(folder.folder(), Map.of()));
  }

  @Override
  public synchronized void daemon(FolderLayout folder, DaemonState state) {
    daemons.put(folder.folder(), state);
  }

  @Override
  public synchronized Optional<DaemonState> daemon(FolderLayout folder) {
    return Optional.ofNullable(daemons.get(folder.folder()));
  }
}
