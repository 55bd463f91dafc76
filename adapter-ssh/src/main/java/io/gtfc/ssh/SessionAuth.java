package io.gtfc.ssh;

import io.gtfc.domain.Member;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.PeerServer;
import java.security.PublicKey;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may sign in: members with their user key as {@code gtfc}, and holders of a pending
 * invitation with its secret as password as {@code gtfc-join}. What a session proved is kept on
 * it: the member, or the invitation secret.
 */
final class SessionAuth {
  static final String MEMBER_USER = "gtfc";
  static final String JOIN_USER = "gtfc-join";

  /** The member a session signed in as (public key auth succeeded). */
  static final AttributeKey<Member> MEMBER = new AttributeKey<>();
  /** The invitation secret a session signed in with (password auth succeeded). */
  static final AttributeKey<String> JOIN_SECRET = new AttributeKey<>();
  /**
   * The member whose key the client offers. MINA asks the authenticator before it checks the
   * signature, so this becomes {@link #MEMBER} only once the signature has been verified.
   */
  private static final AttributeKey<Member> CANDIDATE = new AttributeKey<>();

  private static final Logger LOG = LoggerFactory.getLogger(SessionAuth.class);

  private final PeerServer.Members members;
  private final PeerServer.JoinDesk joins;
  private final PeerServer.Arrivals arrivals;

  SessionAuth(PeerServer.Members members, PeerServer.JoinDesk joins, PeerServer.Arrivals arrivals) {
    this.members = members;
    this.joins = joins;
    this.arrivals = arrivals;
  }

  boolean publicKey(String username, PublicKey key, ServerSession session) {
    session.removeAttribute(CANDIDATE);
    if (!MEMBER_USER.equals(username)) {
      return false;
    }
    Optional<Member> member;
    try {
      SshPublicKey offered = OpenSshKeys.toDomain(key);
      member = members.current().byUserKey(offered);
    } catch (RuntimeException e) {
      LOG.warn("cannot check the key offered by {}: {}", session.getClientAddress(), e.getMessage());
      return false;
    }
    member.ifPresent(m -> session.setAttribute(CANDIDATE, m));
    return member.isPresent();
  }

  boolean password(String username, String password, ServerSession session) {
    if (!JOIN_USER.equals(username) || password == null) {
      return false;
    }
    boolean recognised;
    try {
      recognised = joins.recognises(password);
    } catch (RuntimeException e) {
      LOG.warn("cannot check an invitation presented by {}: {}", session.getClientAddress(), e.getMessage());
      return false;
    }
    if (recognised) {
      session.setAttribute(JOIN_SECRET, password);
    }
    return recognised;
  }

  UserAuthPublicKeyFactory publicKeyFactory() {
    return new UserAuthPublicKeyFactory() {
      @Override
      public UserAuthPublicKey createUserAuth(ServerSession session) {
        return new VerifiedMember();
      }
    };
  }

  /** Public key authentication that remembers the member once its signature is verified. */
  private final class VerifiedMember extends UserAuthPublicKey {
    @Override
    public Boolean doAuth(Buffer buffer, boolean init) throws Exception {
      ServerSession session = getServerSession();
      Boolean result;
      try {
        result = super.doAuth(buffer, init);
      } catch (Exception e) {
        session.removeAttribute(CANDIDATE);
        throw e;
      }
      Member candidate = session.removeAttribute(CANDIDATE);
      if (Boolean.TRUE.equals(result) && candidate != null) {
        session.setAttribute(MEMBER, candidate);
        LOG.info("{} signed in from {}", candidate.id(), session.getClientAddress());
        try {
          arrivals.signedIn(candidate.id());
        } catch (RuntimeException e) {
          LOG.warn("could not pass on that {} signed in: {}", candidate.id(), e.toString());
        }
      }
      return result;
    }
  }
}
