package io.gtfc.ports;

import io.gtfc.domain.Invitation;
import java.util.Optional;

/**
 * The invitations this node has issued and not yet seen used, kept in the node home (never in
 * the synced folder: the secrets must not travel). Safe across threads and processes.
 */
public interface InviteBook {

  /** Remembers {@code invitation} until it is redeemed. */
  void record(Invitation invitation);

  /** The pending invitation with this secret, without using it up; empty if unknown or used. */
  Optional<Invitation> find(String secret);

  /**
   * Uses up the invitation with this secret. Exactly one caller ever gets it, even when two
   * processes redeem the same secret at once.
   *
   * @return the invitation, or empty if unknown or already used
   */
  Optional<Invitation> redeem(String secret);

  /** Forgets every pending invitation, for {@code gtfc wipe}: none can be redeemed afterwards. */
  void forgetAll();
}
