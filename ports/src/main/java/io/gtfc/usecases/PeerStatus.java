package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.Revision;
import io.gtfc.ports.Divergence;
import java.util.Optional;
import org.immutables.value.Value;

/** One peer as this node last heard from it. */
@Value.Immutable
public abstract class PeerStatus {
  public abstract Member member();

  /** The peer's branch head as last pushed to or fetched by this node; empty if never. */
  public abstract Optional<Revision> lastKnownHead();

  /** This node's head against that head. */
  public abstract Optional<Divergence> divergence();
}
