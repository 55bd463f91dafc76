package io.gtfc.usecases;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.HookRun;
import io.gtfc.ports.Integration;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.VersionStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one sender's inbox into the folder: commits this node's own pending edits first (or, in a
 * watched folder, only when one is in the way), so that nothing a user typed is overwritten, then
 * fast-forwards or merges, unless the result would change the member list without an admin's
 * signature, which this node checks for itself whoever sent or relayed it. When files changed, the post-sync hook runs afterwards.
 *
 * <p>The deletion guard is asked before those pending edits are committed, as for any other
 * commit: when the folder is missing, unmounted, emptied or mass-deleted, nothing is committed
 * and nothing is integrated either (a merge would write into whatever now stands at the folder's
 * place); the inbox keeps what was sent until the folder is back. When the edits are not looked
 * for ({@link OwnEdits#COMMIT_WHEN_IN_THE_WAY}), the guard still checks the folder itself (missing,
 * unmounted, emptied) before every integration, and the edits themselves before they are
 * committed because they are in the way.
 */
public final class IntegrateChanges {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrateChanges.class);

  private static final int MAX_ATTEMPTS = 5;

  /** When this node's own uncommitted edits are committed. */
  public enum OwnEdits {
    /** Before every integration (a folder nobody watches). */
    COMMIT_FIRST,
    /**
     * Only when the store defers an integration because an edit is in its way. For a watched
     * folder, which commits its edits itself: looking for pending edits scans the whole folder,
     * which on 100,000 files costs far more than the change being integrated.
     */
    COMMIT_WHEN_IN_THE_WAY
  }

  private final VersionStore store;
  private final NodeId self;
  private final Clock clock;
  private final FolderProbe probe;
  private final SyncHooks hooks;
  private final Executor hookRunner;
  private final OwnEdits ownEdits;

  /** Without hooks. */
  public IntegrateChanges(VersionStore store, NodeId self, Clock clock, FolderProbe probe) {
    this(store, self, clock, probe, SyncHooks.NONE, Runnable::run);
  }

  /**
   * With {@code hooks}, run by {@code hookRunner} once the folder's lock is released: the calling
   * thread for a one-off pull, a thread of its own for a server that must answer its peer first.
   */
  public IntegrateChanges(VersionStore store, NodeId self, Clock clock, FolderProbe probe, SyncHooks hooks,
      Executor hookRunner) {
    this(store, self, clock, probe, hooks, hookRunner, OwnEdits.COMMIT_FIRST);
  }

  /** With hooks, and committing this node's own edits as {@code ownEdits} says. */
  public IntegrateChanges(VersionStore store, NodeId self, Clock clock, FolderProbe probe, SyncHooks hooks,
      Executor hookRunner, OwnEdits ownEdits) {
    this.store = store;
    this.self = self;
    this.clock = clock;
    this.probe = probe;
    this.hooks = hooks;
    this.hookRunner = hookRunner;
    this.ownEdits = ownEdits;
  }

  /**
   * Integrates {@code sender}'s inbox; if a file changes under the merge, commits that edit too and
   * tries again, so a busy folder delays integration but never loses an edit.
   *
   * @return what happened; {@link Integration.Outcome#REFUSED} (logged) when the result would
   *     change the member list in a way no admin signed: nothing of it is applied;
   *     {@link Integration.Outcome#HELD} (logged) when the deletion guard refuses this node's own
   *     pending edits: nothing is committed or applied
   */
  public Integration integrate(NodeId sender) {
    Integration result;
    try (FolderLock lock = store.lock()) {
      for (int attempt = 1; ; attempt++) {
        boolean commitFirst = ownEdits == OwnEdits.COMMIT_FIRST || attempt > 1;
        // without the pending edits (not looked for), the guard still checks the folder itself
        List<RelativePath> pending = commitFirst ? store.pendingChanges() : List.of();
        Optional<String> held = DeletionCheck.refusal(probe, store, pending);
        if (held.isPresent()) {
          result = Integration.builder().sender(sender).outcome(Integration.Outcome.HELD).head(store.head())
              .refusal(held.get()).build();
          log(result);
          return result;
        }
        if (commitFirst) {
          LocalEdits.commit(store, pending, CommitSpec.of(self, clock.instant(), "gtfc: local changes on " + self));
        }
        result = store.integrate(sender, Members.guard("what " + sender + " sent"));
        if (result.outcome() != Integration.Outcome.DEFERRED || attempt == MAX_ATTEMPTS) {
          log(result);
          if (result.outcome() == Integration.Outcome.DEFERRED) {
            List<RelativePath> handEdits = LocalEdits.memberFiles(store.pendingChanges());
            if (!handEdits.isEmpty()) {
              LOG.warn("an edit by hand under .gtfc/ blocks the changes from {}: {}", sender,
                  LocalEdits.refusal(store.layout(), handEdits));
            }
          }
          break;
        }
      }
    }
    if (result.moved() && !result.changedPaths().isEmpty()) {
      afterSync(result);
    }
    return result;
  }

  private void afterSync(Integration result) {
    Runnable run = () -> {
      HookRun hook;
      try {
        hook = hooks.afterSync(store.layout(), self, result.changedPaths());
      } catch (RuntimeException e) {
        LOG.warn("the post-sync hook could not run: {}; what was synced stays", e.getMessage());
        return;
      }
      switch (hook.outcome()) {
        case NOT_CONFIGURED -> { }
        case SUCCEEDED -> LOG.info("post-sync hook ran for {} changed path(s) from {}", result.changedPaths().size(),
            result.sender());
        case FAILED, TIMED_OUT -> LOG.warn("the post-sync hook failed after changes from {}: {}; what was synced stays",
            result.sender(), hook.detail());
      }
    };
    try {
      hookRunner.execute(run);
    } catch (RejectedExecutionException e) {
      LOG.info("not running the post-sync hook: this node is stopping");
    }
  }

  private static void log(Integration result) {
    if (result.outcome() == Integration.Outcome.REFUSED) {
      LOG.error("refused the changes from {} (they wait in its inbox, nothing was applied): {}", result.sender(),
          result.refusal().orElse(""));
    } else if (result.outcome() == Integration.Outcome.HELD) {
      LOG.error("the changes from {} wait in its inbox: {}", result.sender(), result.refusal().orElse(""));
    } else if (result.outcome() == Integration.Outcome.DEFERRED) {
      LOG.warn("changes from {} wait in the inbox: files kept changing under the merge", result.sender());
    } else if (!result.conflicts().isEmpty()) {
      LOG.warn("{} from {}: {} conflict(s) kept as copies beside the files", result.outcome(), result.sender(),
          result.conflicts().size());
    } else {
      LOG.info("{} from {}: {} path(s) changed", result.outcome(), result.sender(), result.changedPaths().size());
    }
  }
}
