package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This node and each peer: the peers are contacted (all at once, each for a few seconds at most)
 * to learn whether they answer and where their branch is; nothing is downloaded or changed. The
 * working tree is scanned for pending changes unless a live, watching daemon's record says that
 * it has committed every edit it saw (see {@link io.gtfc.ports.DaemonState#upToDate()}): on a
 * large folder the scan is most of the time this takes.
 */
public final class ShowStatus {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final SyncJournal journal;
  private final Processes processes;

  public ShowStatus(VersionStores stores, NodeKeys keys, PeerTransport transport, SyncJournal journal,
      Processes processes) {
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.journal = journal;
    this.processes = processes;
  }

  /**
   * @param contactPeers ask every peer for its head now; when false, report what this node last
   *     heard, reading local state only
   */
  public StatusReport status(Path folder, boolean contactPeers) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      Optional<Revision> head = node.store.head();
      Map<NodeId, Revision> inbox = node.store.inbox();
      Map<NodeId, SyncJournal.Sync> synced = journal.lastSynced(node.store.layout());
      List<Member> others = node.membership.peersOf(node.self.id());
      Map<NodeId, PeerProbe> probes = contactPeers
          ? PeerProbes.all(transport, others, PeerProbes.TIMEOUT) : Map.of();
      List<PeerStatus> peers = new ArrayList<>();
      for (Member peer : others) {
        ImmutablePeerStatus status = ImmutablePeerStatus.builder()
            .member(peer)
            .lastKnownHead(Optional.ofNullable(synced.get(peer.id())).flatMap(SyncJournal.Sync::head)
                .or(() -> Optional.ofNullable(inbox.get(peer.id()))))
            .probe(Optional.ofNullable(probes.get(peer.id())))
            .lastSync(Optional.ofNullable(synced.get(peer.id())).map(SyncJournal.Sync::when))
            .hasUnknownCommits(false)
            .build();
        Optional<Revision> theirs = status.head();
        boolean here = theirs.isPresent() && node.store.contains(theirs.get());
        Optional<Divergence> divergence = head.isPresent() && here
            ? Optional.of(node.store.compare(head.get(), theirs.get()))
            : Optional.empty();
        peers.add(status.withDivergence(divergence).withHasUnknownCommits(theirs.isPresent() && !here));
      }
      Optional<StatusReport.Daemon> daemon = journal.daemon(node.store.layout())
          .map(s -> new StatusReport.Daemon(s, processes.alive(s.pid(), s.updated())));
      boolean trusted = daemon.map(StatusReport.Daemon::vouchesNothingIsPending).orElse(false);
      return ImmutableStatusReport.builder()
          .folder(node.store.layout())
          .self(node.self)
          .head(head)
          .pending(trusted ? List.of() : node.store.pendingChanges())
          .pendingScanned(!trusted)
          .peers(peers)
          .daemon(daemon)
          .contacted(contactPeers)
          .build();
    }
  }
}
