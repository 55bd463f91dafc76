package io.gtfc.usecases;

import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;

/** The members of the folder's cluster, as committed. */
public final class ListNodes {
  private final VersionStores stores;
  private final NodeKeys keys;

  public ListNodes(VersionStores stores, NodeKeys keys) {
    this.stores = stores;
    this.keys = keys;
  }

  public NodesReport nodes(Path folder) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      return ImmutableNodesReport.builder().self(node.self.id()).membership(node.membership).build();
    }
  }
}
