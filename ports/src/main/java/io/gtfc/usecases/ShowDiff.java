package io.gtfc.usecases;

import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.Optional;

/** What changed between two versions of the folder, or since the last commit, as a unified diff. */
public final class ShowDiff {
  private final VersionStores stores;
  private final NodeKeys keys;

  public ShowDiff(VersionStores stores, NodeKeys keys) {
    this.stores = stores;
    this.keys = keys;
  }

  /**
   * @param from a revision prefix; empty for the parent of {@code to}, or the head when {@code to}
   *     is empty too
   * @param to a revision prefix; empty for the working tree as it is now
   * @param path only this file or directory, when given
   * @return the unified diff; empty when nothing differs
   */
  public String diff(Path folder, Optional<RelativePath> path, Optional<String> from, Optional<String> to) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      Optional<Revision> start = from.map(r -> Revisions.resolve(node.store, r));
      Optional<Revision> end = to.map(r -> Revisions.resolve(node.store, r));
      return node.store.diff(start, end, path);
    }
  }
}
