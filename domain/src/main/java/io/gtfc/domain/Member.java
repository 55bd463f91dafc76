package io.gtfc.domain;

import org.immutables.value.Value;

/** One node of a cluster as every other node knows it. */
@Value.Immutable
public abstract class Member {
  public abstract NodeId id();

  public abstract Role role();

  /** The key this node signs in with when it connects to a peer. */
  public abstract SshPublicKey userKey();

  /** The key this node's SSH server presents; peers pin it, never trusting on first use. */
  public abstract SshPublicKey hostKey();

  /** Where this node's SSH server can be reached by its peers. */
  public abstract Endpoint endpoint();

  public Fingerprint hostKeyFingerprint() {
    return hostKey().fingerprint();
  }

  public static ImmutableMember.Builder builder() {
    return ImmutableMember.builder();
  }

  public Member withRole(Role role) {
    return ImmutableMember.copyOf(this).withRole(role);
  }

  public Member withEndpoint(Endpoint endpoint) {
    return ImmutableMember.copyOf(this).withEndpoint(endpoint);
  }
}
