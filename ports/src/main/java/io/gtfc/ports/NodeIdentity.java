package io.gtfc.ports;

import io.gtfc.domain.SshPublicKey;
import org.immutables.value.Value;

/** The public halves of this node's two keys. The private halves never leave the node home. */
@Value.Immutable
public abstract class NodeIdentity {
  /** The key this node signs in with at its peers. */
  @Value.Parameter
  public abstract SshPublicKey userKey();

  /** The key this node's server presents to connecting peers. */
  @Value.Parameter
  public abstract SshPublicKey hostKey();

  public static NodeIdentity of(SshPublicKey userKey, SshPublicKey hostKey) {
    return ImmutableNodeIdentity.of(userKey, hostKey);
  }
}
