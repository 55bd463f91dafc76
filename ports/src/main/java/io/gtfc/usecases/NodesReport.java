package io.gtfc.usecases;

import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import org.immutables.value.Value;

/** The member list and which member this node is. */
@Value.Immutable
public abstract class NodesReport {
  public abstract NodeId self();

  public abstract Membership membership();
}
