package io.gtfc.ssh;

import io.gtfc.domain.SshPublicKey;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.common.session.SessionContext;

/**
 * The user's ssh-agent (OpenSSH's, at {@code SSH_AUTH_SOCK}) over its Unix socket, as MINA's
 * client asks it: list the keys, sign with one. The private keys never leave the agent. Only the
 * two requests a sign-in needs; adding or removing keys is refused.
 */
final class UnixSocketAgent implements SshAgent {
  private static final int FAILURE = 5;
  private static final int REQUEST_IDENTITIES = 11;
  private static final int IDENTITIES_ANSWER = 12;
  private static final int SIGN_REQUEST = 13;
  private static final int SIGN_RESPONSE = 14;
  private static final int MAX_MESSAGE = 256 * 1024;

  private final Path socket;
  private final SocketChannel channel;

  UnixSocketAgent(Path socket) throws IOException {
    this.socket = socket;
    this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot reach the ssh-agent at " + socket + " (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public synchronized Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
    ByteBuffer answer = request(new Message(REQUEST_IDENTITIES));
    expect(answer, IDENTITIES_ANSWER, "list its keys");
    int count = answer.getInt();
    List<Map.Entry<PublicKey, String>> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] blob = bytes(answer);
      String comment = new String(bytes(answer), StandardCharsets.UTF_8);
      toJava(blob).ifPresent(key -> keys.add(new SimpleImmutableEntry<>(key, comment)));
    }
    return keys;
  }

  @Override
  public synchronized Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algorithm,
      byte[] data) throws IOException {
    SshPublicKey domain = OpenSshKeys.toDomain(key);
    ByteBuffer answer = request(new Message(SIGN_REQUEST).bytes(domain.blob()).bytes(data).uint(0));
    expect(answer, SIGN_RESPONSE, "sign with " + domain.fingerprint());
    ByteBuffer signature = ByteBuffer.wrap(bytes(answer));
    String name = new String(bytes(signature), StandardCharsets.US_ASCII);
    return new SimpleImmutableEntry<>(name, bytes(signature));
  }

  @Override
  public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) throws IOException {
    throw new IOException("gtfc never adds keys to the ssh-agent");
  }

  @Override
  public void removeIdentity(PublicKey key) throws IOException {
    throw new IOException("gtfc never removes keys from the ssh-agent");
  }

  @Override
  public void removeAllIdentities() throws IOException {
    throw new IOException("gtfc never removes keys from the ssh-agent");
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static java.util.Optional<PublicKey> toJava(byte[] blob) {
    try {
      ByteBuffer b = ByteBuffer.wrap(blob);
      String algorithm = new String(bytes(b), StandardCharsets.US_ASCII);
      SshPublicKey key = SshPublicKey.of(algorithm, Base64.getEncoder().encodeToString(blob));
      return java.util.Optional.of(OpenSshKeys.toJava(key));
    } catch (RuntimeException e) {
      return java.util.Optional.empty(); // a key type this client does not use (certificates, security keys)
    }
  }

  private ByteBuffer request(Message message) throws IOException {
    ByteBuffer out = message.framed();
    while (out.hasRemaining()) {
      channel.write(out);
    }
    ByteBuffer length = ByteBuffer.allocate(4);
    readFully(length);
    int size = length.flip().getInt();
    if (size <= 0 || size > MAX_MESSAGE) {
      throw new IOException("the ssh-agent at " + socket + " sent a message of " + size + " bytes");
    }
    ByteBuffer body = ByteBuffer.allocate(size);
    readFully(body);
    return body.flip();
  }

  private void readFully(ByteBuffer into) throws IOException {
    while (into.hasRemaining()) {
      if (channel.read(into) < 0) {
        throw new IOException("the ssh-agent at " + socket + " closed the connection");
      }
    }
  }

  private void expect(ByteBuffer answer, int type, String what) throws IOException {
    int got = answer.get() & 0xff;
    if (got != type) {
      throw new IOException("the ssh-agent at " + socket + " would not " + what
          + (got == FAILURE ? "" : " (answer type " + got + ")"));
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("a malformed ssh-agent message");
    }
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  /** An agent request being built: type, then SSH wire-format fields. */
  private static final class Message {
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

    Message(int type) {
      body.write(type);
    }

    Message bytes(byte[] value) {
      uint(value.length);
      body.writeBytes(value);
      return this;
    }

    Message uint(long value) {
      body.writeBytes(ByteBuffer.allocate(4).putInt((int) value).array());
      return this;
    }

    ByteBuffer framed() {
      byte[] b = body.toByteArray();
      return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).flip();
    }
  }
}
