package io.gtfc.ssh;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One join: connect to the inviter named in the token, accept its host key only if its
 * fingerprint is the token's, sign in as {@code gtfc-join} with the token's secret, run
 * {@code gtfc-join} and read the answer (see {@link JoinWire}). Or, without a token, the original
 * tool's way: sign in as {@code gtfc} with an admin's key held in the user's ssh-agent (forwarded
 * with {@code ssh -A}), checked against a host-key fingerprint the user gave.
 */
final class JoinCall {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
  static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(JoinCall.class);

  private final Endpoint inviterAddress;
  private final Fingerprint expectedHostKey;
  /** The token; null for a join vouched for by an admin's key in the agent. */
  private final Invitation invitation;
  private final Path agent;
  private final AtomicReference<SshPublicKey> presented = new AtomicReference<>();

  JoinCall(Invitation invitation) {
    this.inviterAddress = invitation.endpoint();
    this.expectedHostKey = invitation.hostKeyFingerprint();
    this.invitation = invitation;
    this.agent = null;
  }

  JoinCall(Endpoint inviter, Fingerprint hostKey, Path agent) {
    this.inviterAddress = inviter.withoutUser();
    this.expectedHostKey = hostKey;
    this.invitation = null;
    this.agent = agent;
  }

  JoinAnswer ask(JoinRequest request) {
    Endpoint inviter = inviterAddress;
    SshClient client = SshClient.setUpDefaultClient();
    ModernAlgorithms.apply(client);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    if (invitation != null) {
      client.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
      client.setAgentFactory(null);
    } else {
      client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
      client.setAgentFactory(new AgentOnly(agent));
    }
    client.setServerKeyVerifier((session, address, key) -> matchesExpected(key));
    client.start();
    try (ClientSession session = connect(client, inviter)) {
      if (invitation != null) {
        session.addPasswordIdentity(invitation.secret());
      }
      try {
        session.auth().verify(AUTH_TIMEOUT);
      } catch (IOException e) {
        throw refusedAtTheDoor(e);
      }
      return exchange(session, request);
    } catch (IOException e) {
      throw refusedAtTheDoor(e);
    } finally {
      client.stop();
    }
  }

  /**
   * The host key the server at {@code at} presents, learnt without signing in (the connection is
   * dropped right after the key exchange), so that a user can compare its fingerprint.
   */
  static SshPublicKey presentedHostKey(Endpoint at) {
    AtomicReference<SshPublicKey> seen = new AtomicReference<>();
    SshClient client = SshClient.setUpDefaultClient();
    ModernAlgorithms.apply(client);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setAgentFactory(null);
    client.setServerKeyVerifier((session, address, key) -> {
      try {
        seen.set(OpenSshKeys.toDomain(key));
      } catch (RuntimeException e) {
        LOG.debug("an unreadable host key from {}", at, e);
      }
      return false;
    });
    client.start();
    try (ClientSession session = client.connect(SessionAuth.MEMBER_USER, at.host(), at.port())
        .verify(CONNECT_TIMEOUT).getSession()) {
      session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), CONNECT_TIMEOUT);
    } catch (IOException e) {
      if (seen.get() == null) {
        throw new GtfcException(Problem.UNREACHABLE, "cannot reach " + at + " ("
            + SshFailures.rootMessage(e) + "): check that it runs 'gtfc serve' or 'gtfc watch'", e);
      }
    } finally {
      client.stop();
    }
    if (seen.get() == null) {
      throw new GtfcException(Problem.UNREACHABLE, "the node at " + at + " presented no host key gtfc accepts");
    }
    return seen.get();
  }

  private ClientSession connect(SshClient client, Endpoint inviter) {
    try {
      return client.connect(invitation != null ? SessionAuth.JOIN_USER : SessionAuth.MEMBER_USER,
              inviter.host(), inviter.port())
          .verify(CONNECT_TIMEOUT)
          .getSession();
    } catch (IOException e) {
      LOG.debug("cannot reach {}", inviter, e);
      throw new GtfcException(Problem.UNREACHABLE,
          "cannot reach the inviting node at " + inviter + " (" + SshFailures.rootMessage(e)
              + "): check that it runs 'gtfc serve' or 'gtfc watch' and that this machine can reach that address", e);
    }
  }

  private boolean matchesExpected(PublicKey key) {
    try {
      SshPublicKey offered = OpenSshKeys.toDomain(key);
      presented.set(offered);
      return offered.fingerprint().equals(expectedHostKey);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private JoinAnswer exchange(ClientSession session, JoinRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Integer status;
    try (ChannelExec channel = session.createExecChannel("gtfc-join")) {
      channel.setIn(new ByteArrayInputStream(JoinWire.request(request)));
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(AUTH_TIMEOUT);
      Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), ANSWER_TIMEOUT);
      if (!events.contains(ClientChannelEvent.CLOSED)) {
        throw new GtfcException(Problem.UNREACHABLE,
            "the inviting node at " + inviterAddress + " did not answer within "
                + ANSWER_TIMEOUT.toSeconds() + "s: try again");
      }
      status = channel.getExitStatus();
    }
    String error = SshPeerTransport.oneLine(err.toString(StandardCharsets.UTF_8));
    if (status == null || status != 0) {
      throw new GtfcException(Problem.REFUSED, error.isEmpty()
          ? "the inviting node at " + inviterAddress + " refused the join without saying why"
          : error);
    }
    return answer(out.toByteArray());
  }

  private JoinAnswer answer(byte[] bytes) throws IOException {
    JoinAnswer answer;
    try {
      Map<String, String> fields = JoinWire.read(new ByteArrayInputStream(bytes));
      answer = JoinWire.parseAnswer(fields, presented.get());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new GtfcException(Problem.REFUSED,
          "the answer of the inviting node at " + inviterAddress + " cannot be read (" + e.getMessage()
              + "): is it running the same version of gtfc?", e);
    }
    if (invitation == null) {
      return answer;
    }
    if (!answer.cluster().equals(invitation.cluster()) || !answer.inviter().id().equals(invitation.inviter())) {
      throw new GtfcException(Problem.REFUSED,
          "the node at " + invitation.endpoint() + " answered as " + answer.inviter().id() + " of cluster "
              + answer.cluster() + ", but the token is from " + invitation.inviter() + " of cluster "
              + invitation.cluster() + ": ask for a new token");
    }
    return answer;
  }

  private GtfcException refusedAtTheDoor(IOException e) {
    SshPublicKey offered = presented.get();
    if (offered != null && !offered.fingerprint().equals(expectedHostKey)) {
      return new GtfcException(Problem.REFUSED,
          "the node at " + inviterAddress + " presented host key " + offered.fingerprint()
              + ", not " + expectedHostKey + (invitation != null
                  ? " as the token says: it is not the inviting node, or its key changed; ask for a new token"
                  : " as --host-key-fingerprint says: it is another machine, or its key changed; refusing to join"), e);
    }
    if (SshFailures.authenticationFailed(e) && invitation == null) {
      return new GtfcException(Problem.REFUSED,
          "the node at " + inviterAddress + " accepts no key in the ssh-agent (" + agent + "): add an admin's gtfc key"
              + " to the agent on the admin's machine ('ssh-add ~/.gtfc/id_ed25519') and connect here with 'ssh -A'", e);
    }
    if (SshFailures.authenticationFailed(e)) {
      return new GtfcException(Problem.REFUSED,
          "the inviting node at " + invitation.endpoint() + " does not accept this token: it was already used,"
              + " has expired or was never issued there; ask for a new one with 'gtfc invite'", e);
    }
    return new GtfcException(Problem.UNREACHABLE,
        "the connection to the inviting node at " + inviterAddress + " failed ("
            + SshFailures.rootMessage(e) + "): try again", e);
  }

  /** MINA's agent hook, answering with the user's ssh-agent and nothing else (no forwarding). */
  private static final class AgentOnly implements SshAgentFactory {
    private final Path socket;

    AgentOnly(Path socket) {
      this.socket = socket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
      return List.of();
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
      return new UnixSocketAgent(socket);
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) throws IOException {
      throw new IOException("gtfc forwards no ssh-agent");
    }
  }
}
