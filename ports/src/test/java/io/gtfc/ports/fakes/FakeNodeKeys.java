package io.gtfc.ports.fakes;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Node keys held in memory: real ed25519 key pairs made by the JDK from a seed, so that two fakes
 * with the same seed agree and sign alike. {@link #ed25519(String)} names well-formed public keys
 * for tests that never sign.
 */
public final class FakeNodeKeys implements NodeKeys {
  private final String seed;
  private KeyPair identityPair;
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
      identityPair = pair(seed + "/user");
      identity = NodeIdentity.of(publicKey(identityPair), publicKey(pair(seed + "/host")));
    }
    return identity;
  }

  @Override
  public synchronized Optional<NodeIdentity> load() {
    return Optional.ofNullable(identity);
  }

  @Override
  public synchronized byte[] sign(byte[] data) {
    if (identityPair == null) {
      throw new GtfcException(Problem.BAD_STATE, "this fake node has no keys yet");
    }
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(identityPair.getPrivate());
      signer.update(data);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void forget() {
    identityPair = null;
    identity = null;
  }

  /** A syntactically valid {@code ssh-ed25519} public key whose 32 key bytes are SHA-256 of {@code seed}. */
  public static SshPublicKey ed25519(String seed) {
    return sshKey(sha256(seed));
  }

  /** An ed25519 key pair that depends only on {@code seed}. */
  private static KeyPair pair(String seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make ed25519 keys", e);
    }
  }

  private static SshPublicKey publicKey(KeyPair pair) {
    byte[] encoded = pair.getPublic().getEncoded();
    return sshKey(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
  }

  private static SshPublicKey sshKey(byte[] raw) {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
    writeString(blob, raw);
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
