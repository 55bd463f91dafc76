package io.gtfc.usecases;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;

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

  public ServePeers(VersionStores stores, NodeKeys keys, PeerServer server,
      PeerTransport transport, InviteBook book, Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.server = server;
    this.transport = transport;
    this.book = book;
    this.clock = clock;
  }

  /** Starts serving {@code folder} on {@code listen} and returns once peers can connect. */
  public PeerServer.Running serve(Path folder, Endpoint listen) {
    NodeContext node = NodeContext.open(stores, keys, folder);
    try {
      IntegrateChanges integrator = new IntegrateChanges(node.store, node.self.id(), clock);
      AdmitMember admit = new AdmitMember(node.store, node.self.id(), book, transport, clock);
      PeerServer.Running running = server.start(PeerServer.Spec.builder()
          .listen(listen)
          .folder(node.store.layout())
          .self(node.self.id())
          .members(() -> Members.atHead(node.store))
          .joins(admit)
          .vouchedJoins(new AdmitVouchedMember(node.store, node.self.id(), book, admit, clock))
          .listener((sender, head) -> integrator.integrate(sender))
          .build());
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
            node.close();
          }
        }
      };
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }
}
