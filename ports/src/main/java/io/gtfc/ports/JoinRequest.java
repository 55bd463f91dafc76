package io.gtfc.ports;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.SshPublicKey;
import org.immutables.value.Value;

/** What a joining node tells the inviter about itself. */
@Value.Immutable
public abstract class JoinRequest {
  public abstract NodeId name();

  public abstract SshPublicKey userKey();

  public abstract SshPublicKey hostKey();

  /** Where the joining node's own server will listen for its peers. */
  public abstract Endpoint endpoint();

  public static ImmutableJoinRequest.Builder builder() {
    return ImmutableJoinRequest.builder();
  }
}
