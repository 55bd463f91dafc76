package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import org.immutables.value.Value;

/** What a join made: the copied folder and this node's place in the member list. */
@Value.Immutable
public abstract class JoinReport {
  public abstract FolderLayout folder();

  public abstract Membership membership();

  public abstract Member self();

  public abstract NodeId inviter();

  public abstract Revision head();
}
