package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import java.util.List;

/**
 * Programs this node runs when a sync changed its folder, configured in the node home only:
 * nothing in the synced folder ever names, holds or changes code that runs.
 *
 * <p>Threading: safe to call from any thread; a call blocks until the hook has ended, or has been
 * killed at its time limit.
 *
 * <p>Errors: the hook's own failure (it cannot start, exits non-zero, runs too long) is the
 * returned {@link HookRun}, never an exception; nothing already synced is undone.
 */
public interface SyncHooks {
  /** A node without hooks. */
  SyncHooks NONE = (folder, self, changed) -> HookRun.of(HookRun.Outcome.NOT_CONFIGURED, "");

  /**
   * Runs the post-sync hook, if this node has one, after a fast-forward or merge changed
   * {@code changed} in {@code folder}: the folder is its working directory, the changed paths are
   * on its standard input one per line, and {@code GTFC_FOLDER} and {@code GTFC_NODE} are in its
   * environment.
   */
  HookRun afterSync(FolderLayout folder, NodeId self, List<RelativePath> changed);
}
