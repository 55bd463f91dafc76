package io.gtfc.ports;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Member;
import io.gtfc.domain.Role;
import org.immutables.value.Value;

/** The inviter's answer to an accepted join: the node is now a member. */
@Value.Immutable
public abstract class JoinAnswer {
  public abstract ClusterId cluster();

  /** The inviting node, with the host key it presented (already checked against the token). */
  public abstract Member inviter();

  /** The role the new member was given. */
  public abstract Role role();

  public static ImmutableJoinAnswer.Builder builder() {
    return ImmutableJoinAnswer.builder();
  }
}
