package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.Problem;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;

/** An opened gtfc folder together with the member list and this node's own entry in it. */
final class NodeContext implements AutoCloseable {
  final VersionStore store;
  final Membership membership;
  final Member self;

  private NodeContext(VersionStore store, Membership membership, Member self) {
    this.store = store;
    this.membership = membership;
    this.self = self;
  }

  static NodeContext open(VersionStores stores, NodeKeys keys, Path folder) {
    VersionStore store = stores.open(FolderLayout.of(folder));
    try {
      Membership membership = Members.atHead(store);
      NodeIdentity identity = keys.load().orElseThrow(() -> new GtfcException(Problem.BAD_STATE,
          "this node home has no keys, so it is not the home " + folder + " was set up with:"
              + " pass the right --home (or GTFC_HOME)"));
      return new NodeContext(store, membership, Members.self(membership, identity, store));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Re-reads the member list, which integrating or admitting may have changed. */
  NodeContext refreshed() {
    Membership now = Members.atHead(store);
    return new NodeContext(store, now, now.member(self.id()).orElse(self));
  }

  @Override
  public void close() {
    store.close();
  }
}
