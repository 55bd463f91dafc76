package io.gtfc.ssh;

import io.gtfc.domain.SshPublicKey;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Accepts exactly one host key, the one the member list pins for the peer being called, and
 * remembers what the peer presented so that a refusal can name both fingerprints.
 */
final class PinnedHostKey implements ServerKeyDatabase {
  private final SshPublicKey pinned;
  private volatile SshPublicKey presented;

  PinnedHostKey(SshPublicKey pinned) {
    this.pinned = pinned;
  }

  @Override
  public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
    try {
      return List.of(OpenSshKeys.toJava(pinned));
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  @Override
  public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
      Configuration config, CredentialsProvider provider) {
    try {
      presented = OpenSshKeys.toDomain(serverKey);
    } catch (RuntimeException e) {
      return false;
    }
    return presented.equals(pinned);
  }

  SshPublicKey pinned() {
    return pinned;
  }

  /** The key the peer presented, if the connection got that far. */
  Optional<SshPublicKey> presented() {
    return Optional.ofNullable(presented);
  }

  boolean mismatched() {
    return presented != null && !presented.equals(pinned);
  }
}
