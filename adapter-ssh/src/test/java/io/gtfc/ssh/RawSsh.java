package io.gtfc.ssh;

import io.gtfc.domain.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/** A plain MINA client for trying what a git client never asks: other commands, shells, forwarding. */
final class RawSsh implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(15);

  final ClientSession session;
  private final SshClient client;

  private RawSsh(SshClient client, ClientSession session) {
    this.client = client;
    this.session = session;
  }

  /** Signed in as a member, with the identity key from {@code home}. */
  static RawSsh member(Endpoint at, Path home) throws Exception {
    return member(at, home, client -> { });
  }

  /** Signed in as a member, with a client {@code tweak} set up (its algorithms, say) before it starts. */
  static RawSsh member(Endpoint at, Path home, Consumer<SshClient> tweak) throws Exception {
    SshClient client = client(tweak);
    try {
      ClientSession session = client.connect(SessionAuth.MEMBER_USER, at.host(), at.port()).verify(WAIT).getSession();
      session.addPublicKeyIdentity(OpenSshKeys.read(MinaNodeKeys.identityFile(home)));
      session.auth().verify(WAIT);
      return new RawSsh(client, session);
    } catch (Exception e) {
      client.stop();
      throw e;
    }
  }

  /** Signed in as a joiner with an invitation secret. */
  static RawSsh joiner(Endpoint at, String secret) throws Exception {
    SshClient client = client(c -> { });
    ClientSession session = client.connect(SessionAuth.JOIN_USER, at.host(), at.port()).verify(WAIT).getSession();
    session.addPasswordIdentity(secret);
    session.auth().verify(WAIT);
    return new RawSsh(client, session);
  }

  private static SshClient client(Consumer<SshClient> tweak) {
    SshClient client = SshClient.setUpDefaultClient();
    tweak.accept(client);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
    return client;
  }

  Result exec(String command) throws Exception {
    return exec(command, "");
  }

  Result exec(String command, String input) throws Exception {
    try (ChannelExec channel = session.createExecChannel(command)) {
      return run(channel, input);
    }
  }

  Result shell() throws Exception {
    try (ChannelShell channel = session.createShellChannel()) {
      channel.setUsePty(false);
      return run(channel, "ls\n");
    }
  }

  private static Result run(ClientChannel channel, String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    channel.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    channel.setOut(out);
    channel.setErr(err);
    channel.open().verify(WAIT);
    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
    return new Result(channel.getExitStatus(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    try {
      session.close();
    } finally {
      client.stop();
    }
  }

  /** How a remote command ended. */
  static final class Result {
    final Integer exit;
    final String out;
    final String err;

    Result(Integer exit, String out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exit + ", out '" + out + "', err '" + err + "'";
    }
  }
}
