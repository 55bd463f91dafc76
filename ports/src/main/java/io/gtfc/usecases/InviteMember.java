package io.gtfc.usecases;

import io.gtfc.domain.Invitation;
import io.gtfc.domain.Role;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/** Issues a one-time join token for a new member. Only an admin may. */
public final class InviteMember {
  static final Duration LONGEST = Duration.ofDays(30);

  private final VersionStores stores;
  private final NodeKeys keys;
  private final InviteBook book;
  private final Clock clock;
  private final Random random;

  public InviteMember(VersionStores stores, NodeKeys keys, InviteBook book, Clock clock, Random random) {
    this.stores = stores;
    this.keys = keys;
    this.book = book;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Records and returns an invitation to join through this node in {@code role}, valid for
   * {@code validFor}. The token names this node's advertised endpoint and host-key fingerprint.
   *
   * @throws GtfcException REFUSED if this node is not an admin, BAD_INPUT for a bad duration
   */
  public Invitation invite(Path folder, Role role, Duration validFor) {
    if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST) > 0) {
      throw new GtfcException(Problem.BAD_INPUT,
          "an invitation must expire after more than 0 and at most 30 days, not " + validFor
              + ": use --expires with e.g. 1h, 30m or 2d");
    }
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      if (!node.self.role().mayChangeMembership()) {
        throw new GtfcException(Problem.REFUSED, "only an admin can invite, and this node ('"
            + node.self.id() + "') is " + node.self.role() + ": ask an admin ('gtfc nodes' lists them)");
      }
      Invitation invitation = Invitation.builder()
          .cluster(node.membership.cluster())
          .inviter(node.self.id())
          .endpoint(node.self.endpoint())
          .hostKeyFingerprint(node.self.hostKeyFingerprint())
          .role(role)
          .secret(Secrets.base64url(random, 24))
          .expiresAt(clock.instant().plus(validFor))
          .build();
      book.record(invitation);
      return invitation;
    }
  }
}
