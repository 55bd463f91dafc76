package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What this node did lately for one folder, kept beside its history (in the git directory, never
 * in the synced folder, never sent to a peer): when each peer was last synced with, and what the
 * daemon is doing. Read by {@code gtfc status} and {@code gtfc doctor}; losing it loses no data.
 *
 * <p>Threading: safe for concurrent calls from several threads and processes; each record is
 * replaced atomically, a reader sees the old or the new one.
 *
 * <p>Errors: recording never throws for a disk that refuses (the journal is a courtesy: a sync
 * must not fail because its note could not be written); reading returns what can be read.
 */
public interface SyncJournal {

  /**
   * Notes that an exchange with {@code peer} (a push, a fetch, or a push received) succeeded at
   * {@code when}, after which the peer had {@code head} (what was pushed to it, or what it sent).
   */
  void synced(FolderLayout folder, NodeId peer, Instant when, Optional<Revision> head);

  /** The last successful exchange with each peer; empty when none was ever recorded. */
  Map<NodeId, Sync> lastSynced(FolderLayout folder);

  /** One peer's last successful exchange, and the head it had then (empty if it had no commit). */
  record Sync(Instant when, Optional<Revision> head) {}

  /** Replaces the record of the daemon (or server) that works on {@code folder}. */
  void daemon(FolderLayout folder, DaemonState state);

  /** The last record of a daemon for {@code folder}; empty when none ever ran. */
  Optional<DaemonState> daemon(FolderLayout folder);
}
