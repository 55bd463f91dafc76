package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import org.immutables.value.Value;

/** The result of one push to, or fetch from, one peer. */
@Value.Immutable
public abstract class PeerResult {
  @Value.Parameter
  public abstract NodeId peer();

  @Value.Parameter
  public abstract PeerOutcome outcome();

  /** One line for a person: empty when the outcome says it all, else the peer's message or the cause. */
  @Value.Parameter
  public abstract String detail();

  public static PeerResult of(NodeId peer, PeerOutcome outcome, String detail) {
    return ImmutablePeerResult.of(peer, outcome, detail);
  }

  public boolean succeeded() {
    return outcome() == PeerOutcome.PUSHED || outcome() == PeerOutcome.FETCHED
        || outcome() == PeerOutcome.UP_TO_DATE || outcome() == PeerOutcome.REMOVED;
  }
}
