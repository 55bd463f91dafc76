package io.gtfc.ports.fakes;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Node keys held in memory: well-formed ed25519 public keys derived from a seed, so that two
 * fakes with the same seed agree and tests can name keys without generating any.
 */
public final class FakeNodeKeys implements NodeKeys {
  private final String seed;
  private NodeIdentity identity;

  public FakeNodeKeys(String seed) {
    this.seed = seed;
  }

  public FakeNodeKeys() {
    this("node");
  }

  @Override
  public synchronized NodeIdentity ensure() {
    if (identity == null) {
      identity = NodeIdentity.of(ed25519(seed + "/user"), ed25519(seed + "/host"));
    }
    return identity;
  }

  @Override
  public synchronized Optional<NodeIdentity> load() {
    return Optional.ofNullable(identity);
  }

  /** A syntactically valid {@code ssh-ed25519} public key whose 32 key bytes are SHA-256 of {@code seed}. */
  public static SshPublicKey ed25519(String seed) {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
    writeString(blob, sha256(seed));
    return SshPublicKey.of("ssh-ed25519", Base64.getEncoder().encodeToString(blob.toByteArray()));
  }

  private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
