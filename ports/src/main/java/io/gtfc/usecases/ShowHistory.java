package io.gtfc.usecases;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The folder's history: who changed what, when, from which node. */
public final class ShowHistory {
  private final VersionStores stores;
  private final NodeKeys keys;

  public ShowHistory(VersionStores stores, NodeKeys keys) {
    this.stores = stores;
    this.keys = keys;
  }

  /** Newest first, at most {@code limit} entries, only those touching {@code path} when given. */
  public List<HistoryEntry> history(Path folder, Optional<RelativePath> path, int limit) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      return node.store.history(path, limit);
    }
  }
}
