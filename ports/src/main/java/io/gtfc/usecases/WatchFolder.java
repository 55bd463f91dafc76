package io.gtfc.usecases;

import io.gtfc.domain.CommitBatcher;
import io.gtfc.domain.Endpoint;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The daemon's verb: serve peers, watch the folder, commit and push each settled batch of edits,
 * integrate incoming pushes, catch up from every peer at start and now and then, and retry
 * peers that are down with a growing delay. Edits of {@code .gtfc/} by hand are never committed,
 * and what peers send is refused when it changes the member list without an admin's signature.
 */
public final class WatchFolder {
  /** How the daemon paces itself. */
  public record Settings(CommitBatcher.Settings batching, Duration antiEntropy, Duration firstRetry,
      Duration maxRetry) {
    public static final Settings DEFAULT = new Settings(CommitBatcher.Settings.DEFAULT,
        Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  private final VersionStores stores;
  private final NodeKeys keys;
  private final FolderWatcher watcher;
  private final PeerServer server;
  private final PeerTransport transport;
  private final FolderProbe probe;
  private final InviteBook book;
  private final SyncHooks hooks;
  private final Clock clock;
  private final Settings settings;
  private final SyncJournal journal;
  private final Processes processes;

  public WatchFolder(VersionStores stores, NodeKeys keys, FolderWatcher watcher, PeerServer server,
      PeerTransport transport, FolderProbe probe, InviteBook book, SyncHooks hooks, Clock clock, Settings settings,
      SyncJournal journal, Processes processes) {
    this.hooks = hooks;
    this.journal = journal;
    this.processes = processes;
    this.probe = probe;
    this.stores = stores;
    this.keys = keys;
    this.watcher = watcher;
    this.server = server;
    this.transport = transport;
    this.book = book;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Starts the daemon for {@code folder}, answering peers on {@code listen}, and returns once it
   * serves, watches and has caught up with every reachable peer. Closing the daemon commits and
   * pushes what is pending, then stops. While it runs it keeps a record of what it does in the
   * {@link SyncJournal}, for {@code gtfc status} in another process.
   */
  public SyncDaemon start(Path folder, Endpoint listen) {
    NodeContext node = NodeContext.open(stores, keys, folder);
    try {
      return SyncDaemon.start(node, keys, watcher, server, transport, probe, book, hooks, clock, settings, listen,
          journal, processes.self());
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }
}
