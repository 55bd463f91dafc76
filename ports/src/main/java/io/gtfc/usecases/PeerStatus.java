package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.Revision;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.PeerProbe;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** One peer: whether it answered just now, where its branch is, and when it was last synced with. */
@Value.Immutable
public abstract class PeerStatus {
  public abstract Member member();

  /** The peer's branch head after the last exchange with it (a push or a fetch); empty if never. */
  public abstract Optional<Revision> lastKnownHead();

  /** What contacting the peer just now found; empty when status did not contact peers. */
  public abstract Optional<PeerProbe> probe();

  /** This node's head against {@link #head()}; empty when either is unknown or that head is not here yet. */
  public abstract Optional<Divergence> divergence();

  /** The last successful exchange with the peer (push, fetch, or a push received); empty if none is recorded. */
  public abstract Optional<Instant> lastSync();

  /** The peer's head: as it answered just now, else as last known. */
  @Value.Derived
  public Optional<Revision> head() {
    return probe().filter(PeerProbe::reached).map(PeerProbe::head).orElse(lastKnownHead());
  }

  /** Whether the peer answered; empty when it was not asked. */
  public Optional<Boolean> reachable() {
    return probe().map(PeerProbe::reached);
  }

  /**
   * Whether the peer's head holds commits this node has not received yet (so ahead and behind
   * cannot be counted here until a pull).
   */
  public abstract boolean hasUnknownCommits();
}
