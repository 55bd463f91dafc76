package io.gtfc.usecases;

import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the whole folder back to how it was at a past revision or time, as one new change
 * committed here (pushing it, or the daemon, then syncs it like any edit): files are rewritten,
 * files added since are deleted, files deleted since come back. The cluster's own files in
 * {@code .gtfc/} (the member list) are left as they are: a restore never undoes a membership
 * change. Nothing is lost: the versions it replaces stay in history.
 */
public final class RestoreFolder {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final Clock clock;

  public RestoreFolder(VersionStores stores, NodeKeys keys, Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.clock = clock;
  }

  /** What was restored, from which commit, which files changed, and the commit (empty if none changed). */
  public record Restored(Revision from, List<RelativePath> changed, Optional<Revision> committed) {}

  /** @param at a revision or a time ({@link RestoreFile.At.Previous} has no meaning for a whole folder) */
  public Restored restore(Path folder, RestoreFile.At at) {
    try (NodeContext node = NodeContext.open(stores, keys, folder);
        FolderLock lock = node.store.lock()) {
      VersionStore store = node.store;
      Revision from = RestoreFile.revision(store, at);
      store.commitPending(CommitSpec.of(node.self.id(), clock.instant(), "gtfc: local changes on " + node.self.id()));
      Set<RelativePath> then = new LinkedHashSet<>(userFiles(store.filesAt(from)));
      List<RelativePath> now = store.head().map(h -> userFiles(store.filesAt(h))).orElse(List.of());
      List<RelativePath> changed = new ArrayList<>();
      for (RelativePath path : then) {
        byte[] old = store.readAt(path, from).orElseThrow();
        Optional<byte[]> current = store.readAtHead(path);
        if (current.isEmpty() || !Arrays.equals(old, current.get())) {
          store.writeFile(path, old);
          changed.add(path);
        }
      }
      for (RelativePath path : now) {
        if (!then.contains(path)) {
          store.deleteFile(path);
          changed.add(path);
        }
      }
      Optional<Revision> committed = changed.isEmpty() ? Optional.empty()
          : store.commitPaths(changed, CommitSpec.of(node.self.id(), clock.instant(),
              "gtfc: restore the folder as of " + from.abbreviated() + " (" + changed.size() + " file"
                  + (changed.size() == 1 ? "" : "s") + ") on " + node.self.id()));
      return new Restored(from, changed, committed);
    }
  }

  /** The user's files: everything but the cluster's own {@code .gtfc/}. */
  static List<RelativePath> userFiles(List<RelativePath> files) {
    return files.stream().filter(p -> !p.startsWith(MemberFiles.DIRECTORY)).toList();
  }
}
