package io.gtfc.ports.fakes;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
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
  private final Map<Path, Map<NodeId, Sync>> synced = new HashMap<>();
  private final Map<Path, DaemonState> daemons = new HashMap<>();

  @Override
  public synchronized void synced(FolderLayout folder, NodeId peer, Instant when, Optional<Revision> head) {
    synced.computeIfAbsent(folder.folder(), f -> new TreeMap<>()).put(peer, new Sync(when, head));
  }

  @Override
  public synchronized Map<NodeId, Sync> lastSynced(FolderLayout folder) {
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
