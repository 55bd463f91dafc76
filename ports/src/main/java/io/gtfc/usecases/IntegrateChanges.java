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

  private final VersionStore store;
  private final NodeId self;
  private final Clock clock;

  public IntegrateChanges(VersionStore store, NodeId self, Clock clock) {
    this.store = store;
    this.self = self;
    this.clock = clock;
  }

  public Integration integrate(NodeId sender) {
    try (FolderLock lock = store.lock()) {
      store.commitPending(CommitSpec.of(self, clock.instant(), "gtfc: local changes on " + self));
      Integration result = store.integrate(sender,
          CommitSpec.of(self, clock.instant(), "gtfc: merge " + sender + " into " + self));
      if (result.outcome() == Integration.Outcome.CONFLICT) {
        LOG.warn("changes from {} conflict with this folder and wait in its inbox", sender);
      } else {
        LOG.info("{} from {}: {} path(s) changed", result.outcome(), sender, result.changedPaths().size());
      }
      return result;
    }
  }
}
