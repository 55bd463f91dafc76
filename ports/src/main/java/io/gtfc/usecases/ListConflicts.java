package io.gtfc.usecases;

import io.gtfc.domain.ConflictCopies;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The conflict copies in the folder, and where each came from. */
public final class ListConflicts {
  private final VersionStores stores;
  private final NodeKeys keys;

  public ListConflicts(VersionStores stores, NodeKeys keys) {
    this.stores = stores;
    this.keys = keys;
  }

  /** One conflict copy: its path, the path it conflicted at, the node whose version it holds. */
  public record Copy(RelativePath copy, ConflictCopies.Origin origin) {}

  public List<Copy> conflicts(Path folder) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      Optional<Revision> head = node.store.head();
      List<Copy> copies = new ArrayList<>();
      if (head.isPresent()) {
        for (RelativePath p : node.store.filesAt(head.get())) {
          ConflictCopies.origin(p).ifPresent(o -> copies.add(new Copy(p, o)));
        }
      }
      return copies;
    }
  }
}
