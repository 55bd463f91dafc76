package io.gtfc.usecases;

import io.gtfc.domain.NodeId;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.Integration;
import io.gtfc.ports.VersionStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one sender's inbox into the folder: commits this node's own pending edits first, so
 * that nothing a user typed is overwritten, then fast-forwards or merges.
 */
public final class IntegrateChanges {
  private static final Logger LOG = LoggerFactory.getLogger(IntegrateChanges.class);

  private static final int MAX_ATTEMPTS = 5;

  private final VersionStore store;
  private final NodeId self;
  private final Clock clock;

  public IntegrateChanges(VersionStore store, NodeId self, Clock clock) {
    this.store = store;
    this.self = self;
    this.clock = clock;
  }

  /**
   * Integrates {@code sender}'s inbox; if a file changes under the merge, commits that edit too and
   * tries again, so a busy folder delays integration but never loses an edit.
   */
  public Integration integrate(NodeId sender) {
    try (FolderLock lock = store.lock()) {
      for (int attempt = 1; ; attempt++) {
        store.commitPending(CommitSpec.of(self, clock.instant(), "gtfc: local changes on " + self));
        Integration result = store.integrate(sender);
        if (result.outcome() != Integration.Outcome.DEFERRED || attempt == MAX_ATTEMPTS) {
          log(result);
          return result;
        }
      }
    }
  }

  private static void log(Integration result) {
    if (result.outcome() == Integration.Outcome.DEFERRED) {
      LOG.warn("changes from {} wait in the inbox: files kept changing under the merge", result.sender());
    } else if (!result.conflicts().isEmpty()) {
      LOG.warn("{} from {}: {} conflict(s) kept as copies beside the files", result.outcome(), result.sender(),
          result.conflicts().size());
    } else {
      LOG.info("{} from {}: {} path(s) changed", result.outcome(), result.sender(), result.changedPaths().size());
    }
  }
}
