package io.gtfc.ssh;

import io.gtfc.domain.Member;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code gtfc-leave} request: connect to an admin peer, accept it only if it presents the
 * host key the member list pins for it, sign in as {@code gtfc} with this node's identity key,
 * run {@code gtfc-leave} and read the admin's one-line answer (exit 0) or refusal (exit 1).
 */
final class LeaveCall {
  /** The admin signs, commits and tells the other members before it answers. */
  static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(LeaveCall.class);

  private final KeyPair identity;
  private final Member admin;
  private final AtomicReference<SshPublicKey> presented = new AtomicReference<>();

  LeaveCall(KeyPair identity, Member admin) {
    this.identity = identity;
    this.admin = admin;
  }

  PeerResult ask() {
    SshClient client = SshClient.setUpDefaultClient();
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    client.setAgentFactory(null);
    client.setServerKeyVerifier((session, address, key) -> pinned(key));
    client.start();
    String where = admin.id() + " at " + admin.endpoint();
    try {
      ClientSession session;
      try {
        session = client.connect(SessionAuth.MEMBER_USER, admin.endpoint().host(), admin.endpoint().port())
            .verify(PinnedSsh.CONNECT_TIMEOUT).getSession();
      } catch (IOException e) {
        LOG.debug("cannot reach {}", where, e);
        return PeerResult.of(admin.id(), PeerOutcome.UNREACHABLE,
            "cannot reach " + where + ": " + SshFailures.rootMessage(e));
      }
      try (session) {
        session.addPublicKeyIdentity(identity);
        try {
          session.auth().verify(JoinCall.AUTH_TIMEOUT);
        } catch (IOException e) {
          return refusedAtTheDoor(where, e);
        }
        return exchange(session, where);
      }
    } catch (IOException e) {
      return PeerResult.of(admin.id(), PeerOutcome.FAILED,
          "the request to " + where + " failed: " + SshFailures.rootMessage(e));
    } finally {
      client.stop();
    }
  }

  private boolean pinned(PublicKey key) {
    try {
      SshPublicKey offered = OpenSshKeys.toDomain(key);
      presented.set(offered);
      return offered.equals(admin.hostKey());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private PeerResult exchange(ClientSession session, String where) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer status;
    try (ChannelExec channel = session.createExecChannel("gtfc-leave")) {
      channel.setIn(new ByteArrayInputStream(new byte[0]));
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(JoinCall.AUTH_TIMEOUT);
      Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), ANSWER_TIMEOUT);
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        return PeerResult.of(admin.id(), PeerOutcome.UNREACHABLE,
            where + " did not answer within " + ANSWER_TIMEOUT.toSeconds() + "s");
      }
      status = channel.getExitStatus();
    }
    if (status != null && status == 0) {
      return PeerResult.of(admin.id(), PeerOutcome.REMOVED, SshPeerTransport.oneLine(out.toString(StandardCharsets.UTF_8)));
    }
    String error = SshPeerTransport.oneLine(err.toString(StandardCharsets.UTF_8));
    return PeerResult.of(admin.id(), PeerOutcome.REFUSED, error.isEmpty() ? where + " refused without saying why" : error);
  }

  private PeerResult refusedAtTheDoor(String where, IOException e) {
    SshPublicKey offered = presented.get();
    if (offered != null && !offered.equals(admin.hostKey())) {
      return PeerResult.of(admin.id(), PeerOutcome.REFUSED, where + " presented host key " + offered.fingerprint()
          + " but the member list pins " + admin.hostKey().fingerprint() + ": refusing to talk to it");
    }
    if (SshFailures.authenticationFailed(e)) {
      return PeerResult.of(admin.id(), PeerOutcome.REFUSED,
          where + " does not accept this node's key: it no longer lists this node as a member");
    }
    return PeerResult.of(admin.id(), PeerOutcome.UNREACHABLE,
        "the connection to " + where + " failed: " + SshFailures.rootMessage(e));
  }
}
