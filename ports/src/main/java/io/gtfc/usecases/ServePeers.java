package io.gtfc.usecases;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.ImmutableDaemonState;
import io.gtfc.ports.Integration;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Answers peers for one folder until closed: members fetch and push, pushes are integrated as
 * they arrive (one at a time per folder), invitation holders join.
 */
public final class ServePeers {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerServer server;
  private final PeerTransport transport;
  private final InviteBook book;
  private final Clock clock;
  private final SyncJournal journal;
  private final Processes processes;

  public ServePeers(VersionStores stores, NodeKeys keys, PeerServer server,
      PeerTransport transport, InviteBook book, Clock clock, SyncJournal journal, Processes processes) {
    this.journal = journal;
    this.processes = processes;
    this.stores = stores;
    this.keys = keys;
    this.server = server;
    this.transport = transport;
    this.book = book;
    this.clock = clock;
  }

  /**
   * Starts serving {@code folder} on {@code listen} and returns once peers can connect. Keeps a
   * record of what it does in the {@link SyncJournal}, for {@code gtfc status} in another process.
   */
  public PeerServer.Running serve(Path folder, Endpoint listen) {
    NodeContext node = NodeContext.open(stores, keys, folder);
    ImmutableDaemonState.Builder state = DaemonState.builder().pid(processes.self()).mode("serve")
        .started(clock.instant());
    try {
      IntegrateChanges integrator = new IntegrateChanges(node.store, node.self.id(), clock);
      PeerServer.Running running = server.start(PeerServer.Spec.builder()
          .listen(listen)
          .folder(node.store.layout())
          .self(node.self.id())
          .members(() -> Members.atHead(node.store))
          .joins(new AdmitMember(node.store, node.self.id(), book, transport, clock))
          .listener((sender, head) -> {
            Integration result = integrator.integrate(sender);
            journal.synced(node.store.layout(), sender, clock.instant(), Optional.of(head));
            record(node, state, "integrated " + result.outcome() + " from " + sender, true);
          })
          .build());
      synchronized (state) {
        state.address(running.address());
      }
      record(node, state, "started", true);
      return new PeerServer.Running() {
        @Override
        public Endpoint address() {
          return running.address();
        }

        @Override
        public void close() {
          try {
            running.close();
          } finally {
            record(node, state, "stopped", false);
            node.close();
          }
        }
      };
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void record(NodeContext node, ImmutableDaemonState.Builder state, String action, boolean running) {
    DaemonState recorded;
    synchronized (state) {
      recorded = state.lastAction(action + " at " + clock.instant().truncatedTo(ChronoUnit.SECONDS)).updated(clock.instant()).running(running).build();
    }
    journal.daemon(node.store.layout(), recorded);
  }
}
