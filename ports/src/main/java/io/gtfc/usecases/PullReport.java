package io.gtfc.usecases;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.Integration;
import io.gtfc.ports.PeerResult;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What a pull did: how each peer answered, and what integrating each inbox changed. */
@Value.Immutable
public abstract class PullReport {
  public abstract NodeId self();

  public abstract List<PeerResult> results();

  public abstract List<Integration> integrations();

  public abstract Optional<Revision> head();

  public boolean reachedEveryPeer() {
    return results().stream().allMatch(PeerResult::succeeded);
  }

  /** Whether some peer's changes were refused: they change the member list without an admin's signature. */
  public boolean anyRefused() {
    return integrations().stream().anyMatch(i -> i.outcome() == Integration.Outcome.REFUSED);
  }

  /** Why this node's folder held every integration (the deletion guard's reason), if it did. */
  public Optional<String> held() {
    return integrations().stream().filter(i -> i.outcome() == Integration.Outcome.HELD)
        .flatMap(i -> i.refusal().stream()).findFirst();
  }

  /** Whether some inbox could not be integrated because files kept changing under the merge. */
  public boolean anyDeferred() {
    return integrations().stream().anyMatch(i -> i.outcome() == Integration.Outcome.DEFERRED);
  }
}
