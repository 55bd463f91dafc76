package io.gtfc.usecases;

import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Role;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original tool's join, kept as an option: a node that signs in with an admin member's key
 * (from the admin's ssh-agent, forwarded to the new host with {@code ssh -A}) is admitted as a
 * read-write member without a token. The admin's key is the consent; the admission itself is the
 * token path's, through a one-time invitation that lives only for this call.
 */
public final class AdmitVouchedMember implements PeerServer.VouchedJoins {
  private static final Logger LOG = LoggerFactory.getLogger(AdmitVouchedMember.class);
  private static final Duration WINDOW = Duration.ofMinutes(2);

  private final VersionStore store;
  private final NodeId self;
  private final InviteBook book;
  private final AdmitMember admit;
  private final Clock clock;
  private final Random random;

  public AdmitVouchedMember(VersionStore store, NodeId self, InviteBook book, AdmitMember admit, Clock clock) {
    this(store, self, book, admit, clock, new SecureRandom());
  }

  AdmitVouchedMember(VersionStore store, NodeId self, InviteBook book, AdmitMember admit, Clock clock, Random random) {
    this.store = store;
    this.self = self;
    this.book = book;
    this.admit = admit;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public JoinAnswer admit(NodeId admin, JoinRequest request) {
    Membership now = Members.atHead(store);
    now.member(admin).filter(m -> m.role().mayChangeMembership()).orElseThrow(() -> new GtfcException(Problem.REFUSED,
        admin + " is not an admin of this cluster: only an admin's key can vouch for a new member"));
    Member me = now.member(self).orElseThrow(() -> new GtfcException(Problem.REFUSED,
        "this node is no longer a member of its cluster"));
    Invitation once = Invitation.builder()
        .cluster(now.cluster())
        .inviter(self)
        .endpoint(me.endpoint())
        .hostKeyFingerprint(me.hostKeyFingerprint())
        .role(Role.READ_WRITE)
        .secret(Secrets.base64url(random, 24))
        .expiresAt(clock.instant().plus(WINDOW))
        .build();
    book.record(once);
    try {
      JoinAnswer answer = admit.admit(once.secret(), request);
      LOG.info("{} joined as {}, vouched for by {}'s key", request.name(), answer.role(), admin);
      return answer;
    } finally {
      book.redeem(once.secret()); // used up whatever happened: it must not outlive this call
    }
  }
}
