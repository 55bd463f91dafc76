package io.gtfc.usecases;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.ImmutableDaemonState;
import io.gtfc.ports.Integration;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers peers for one folder until closed: members fetch and push, pushes are integrated as
 * they arrive (one at a time per folder) unless they change the member list without an admin's
 * signature, which refuses the push; invitation holders join, and on an admin node members may
 * ask to leave. The post-sync hook runs on a thread of its own, after the pusher has its answer.
 */
public final class ServePeers {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerServer server;
  private final PeerTransport transport;
  private final InviteBook book;
  private final SyncHooks hooks;
  private final Clock clock;
  private final FolderProbe probe;
  private final SyncJournal journal;
  private final Processes processes;

  public ServePeers(VersionStores stores, NodeKeys keys, PeerServer server,
      PeerTransport transport, InviteBook book, SyncHooks hooks, Clock clock, SyncJournal journal,
      Processes processes, FolderProbe probe) {
    this.journal = journal;
    this.processes = processes;
    this.stores = stores;
    this.keys = keys;
    this.server = server;
    this.transport = transport;
    this.book = book;
    this.hooks = hooks;
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * Starts serving {@code folder} on {@code listen} and returns once peers can connect. Keeps a
   * record of what it does in the {@link SyncJournal}, for {@code gtfc status} in another process.
   */
  public PeerServer.Running serve(Path folder, Endpoint listen) {
    NodeContext node = NodeContext.open(stores, keys, folder);
    ExecutorService hookThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "gtfc-hook-" + node.self.id());
      t.setDaemon(true);
      return t;
    });
    ImmutableDaemonState.Builder state = DaemonState.builder().pid(processes.self()).mode("serve")
        .started(clock.instant());
    try {
      IntegrateChanges integrator = new IntegrateChanges(node.store, node.self.id(), clock, probe, hooks, hookThread);
      AdmitMember admit = new AdmitMember(node.store, node.self.id(), keys, book, transport, clock, probe);
      PeerServer.Running running = server.start(PeerServer.Spec.builder()
          .listen(listen)
          .folder(node.store.layout())
          .self(node.self.id())
          .members(Members.cachedAtHead(node.store))
          .joins(admit)
          .vouchedJoins(new AdmitVouchedMember(node.store, node.self.id(), book, admit, clock))
          .leaves(RemoveMember.desk(node.store, node.self.id(), keys, transport, clock, probe))
          .listener((sender, head) -> {
            Integration result = integrator.integrate(sender);
            node.store.writeCaches(); // for git and gtfc commands in other processes
            refuseIfRefused(result);
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
            hookThread.shutdown();
            record(node, state, "stopped", false);
            node.close();
          }
        }
      };
    } catch (RuntimeException e) {
      hookThread.shutdown();
      node.close();
      throw e;
    }
  }

  /** A refused integration refuses the push that brought it, with the reason as the pusher's message. */
  static void refuseIfRefused(Integration result) {
    if (result.outcome() == Integration.Outcome.REFUSED) {
      throw new GtfcException(Problem.REFUSED, result.refusal().orElse("refused"));
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
