package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** This node and what it last heard from each peer, read locally without contacting anyone. */
public final class ShowStatus {
  private final VersionStores stores;
  private final NodeKeys keys;

  public ShowStatus(VersionStores stores, NodeKeys keys) {
    this.stores = stores;
    this.keys = keys;
  }

  public StatusReport status(Path folder) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      Optional<Revision> head = node.store.head();
      Map<NodeId, Revision> inbox = node.store.inbox();
      List<PeerStatus> peers = new ArrayList<>();
      for (Member peer : node.membership.peersOf(node.self.id())) {
        Optional<Revision> last = Optional.ofNullable(inbox.get(peer.id()));
        Optional<Divergence> divergence = head.isPresent() && last.isPresent()
            ? Optional.of(node.store.compare(head.get(), last.get()))
            : Optional.empty();
        peers.add(ImmutablePeerStatus.builder().member(peer).lastKnownHead(last).divergence(divergence).build());
      }
      return ImmutableStatusReport.builder()
          .folder(node.store.layout())
          .self(node.self)
          .head(head)
          .pending(node.store.pendingChanges())
          .peers(peers)
          .build();
    }
  }
}
