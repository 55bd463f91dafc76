package io.gtfc.usecases;

import io.gtfc.domain.DeletionGuard;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.VersionStore;
import java.util.Collection;
import java.util.Optional;

/** Asks the domain's deletion guard about a commit that is about to be made. */
final class DeletionCheck {
  private DeletionCheck() {}

  /**
   * Why committing {@code paths} (or, when null, every pending change) must not happen now;
   * empty when it may.
   */
  static Optional<String> refusal(FolderProbe probe, VersionStore store, Collection<RelativePath> paths) {
    return DeletionGuard.refusal(observe(probe, store, paths));
  }

  /**
   * What the guard needs to know about committing {@code paths} (or, when null, every pending
   * change). The tracked files are counted only when something is deleted or the root is empty:
   * otherwise nothing can be refused for it.
   */
  static DeletionGuard.Observation observe(FolderProbe probe, VersionStore store, Collection<RelativePath> paths) {
    FolderProbe.RootState root = probe.root(store.layout());
    if (!root.present() || !root.sameDevice()) {
      return new DeletionGuard.Observation(root.present(), root.sameDevice(), false, 0, 0);
    }
    Collection<RelativePath> candidates = paths == null ? store.pendingChanges() : paths;
    int deleted = probe.missing(store.layout(), candidates);
    if (deleted == 0 && !root.empty()) {
      return new DeletionGuard.Observation(true, true, false, 0, 0);
    }
    return new DeletionGuard.Observation(true, true, root.empty(), store.trackedFileCount(), deleted);
  }
}
