package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import java.util.Optional;
import org.immutables.value.Value;

/** What a quick look at one peer found: whether it answered this node, and the head of its branch. */
@Value.Immutable
public abstract class PeerProbe {
  @Value.Parameter
  public abstract NodeId peer();

  /**
   * {@link PeerOutcome#UP_TO_DATE} when the peer answered (nothing travelled), else
   * {@link PeerOutcome#UNREACHABLE}, {@link PeerOutcome#REFUSED} or {@link PeerOutcome#FAILED}.
   */
  @Value.Parameter
  public abstract PeerOutcome outcome();

  /** One line for a person: empty when the peer answered, else the reason it did not. */
  @Value.Parameter
  public abstract String detail();

  /** The head of the peer's working branch; empty when it did not answer or has no commit yet. */
  @Value.Parameter
  public abstract Optional<Revision> head();

  public static PeerProbe answered(NodeId peer, Optional<Revision> head) {
    return ImmutablePeerProbe.of(peer, PeerOutcome.UP_TO_DATE, "", head);
  }

  public static PeerProbe failed(NodeId peer, PeerOutcome outcome, String detail) {
    if (outcome == PeerOutcome.UP_TO_DATE || outcome == PeerOutcome.PUSHED || outcome == PeerOutcome.FETCHED) {
      throw new IllegalArgumentException("a failed probe needs a failure outcome, not " + outcome);
    }
    return ImmutablePeerProbe.of(peer, outcome, detail, Optional.empty());
  }

  public boolean reached() {
    return outcome() == PeerOutcome.UP_TO_DATE;
  }
}
