package io.gtfc.usecases;

import io.gtfc.domain.MemberChanges;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.VersionStore;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's own edits, committed before anything is integrated or pushed: never an edit of
 * {@code .gtfc/}, which only an admin's signature may change. Such an edit stays uncommitted in
 * the working tree, so it is neither trusted here nor sent anywhere.
 */
final class LocalEdits {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEdits.class);

  private LocalEdits() {}

  /** Commits every pending change but those under {@code .gtfc/}; the caller holds the folder lock. */
  static Optional<Revision> commit(VersionStore store, CommitSpec spec) {
    return commit(store, store.pendingChanges(), spec);
  }

  /** Commits {@code pending}, just read from the store, but those under {@code .gtfc/}; the caller holds the lock. */
  static Optional<Revision> commit(VersionStore store, List<RelativePath> pending, CommitSpec spec) {
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    List<RelativePath> own = withoutMemberFiles(pending);
    if (own.size() < pending.size()) {
      LOG.warn("{}: left uncommitted: {}", store.layout(), refusal(store.layout(), memberFiles(pending)));
    }
    return own.isEmpty() ? Optional.empty() : store.commitPaths(own, spec);
  }

  /**
   * Commits every pending change but those under {@code .gtfc/}, unless the deletion guard holds
   * them (a missing, unmounted, emptied or mass-deleted folder): then nothing is committed, the
   * reason is logged and returned. For work that does not need the edits committed to go on.
   */
  static Optional<String> commitUnlessHeld(VersionStore store, FolderProbe probe, CommitSpec spec) {
    List<RelativePath> pending = store.pendingChanges();
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> held = DeletionCheck.refusal(probe, store, pending);
    if (held.isPresent()) {
      LOG.warn("{}: this node's own edits stay uncommitted: {}", store.layout(), held.get());
      return held;
    }
    commit(store, pending, spec);
    return Optional.empty();
  }

  static List<RelativePath> withoutMemberFiles(Collection<RelativePath> paths) {
    return paths.stream().filter(p -> !p.startsWith(MemberFiles.DIRECTORY)).toList();
  }

  static List<RelativePath> memberFiles(Collection<RelativePath> paths) {
    return paths.stream().filter(p -> p.startsWith(MemberFiles.DIRECTORY)).toList();
  }

  /** The one line for edits of {@code .gtfc/} made by hand. */
  static String refusal(FolderLayout layout, List<RelativePath> edited) {
    return MemberChanges.notSignedByAnAdmin("the edit of " + edited.get(0)
        + (edited.size() > 1 ? " (and " + (edited.size() - 1) + " more under .gtfc/)" : ""))
        + " (undo it, e.g. with: git -C " + layout.folder() + " checkout -- .gtfc)";
  }
}
