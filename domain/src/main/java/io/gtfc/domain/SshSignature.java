package io.gtfc.domain;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A signature in OpenSSH's {@code SSHSIG} format, the one {@code ssh-keygen -Y sign} writes and
 * {@code ssh-keygen -Y verify} reads (PROTOCOL.sshsig): the signer's public key, a namespace that
 * keeps signatures for one purpose from being used for another, and an ed25519 signature over the
 * SHA-512 of the message. Only ed25519 is accepted.
 */
public final class SshSignature {
  static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
  static final String END = "-----END SSH SIGNATURE-----";
  private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final String HASH = "sha512";
  private static final int LINE = 70;

  private final SshPublicKey signer;
  private final String namespace;
  private final byte[] signature;

  private SshSignature(SshPublicKey signer, String namespace, byte[] signature) {
    this.signer = signer;
    this.namespace = namespace;
    this.signature = signature.clone();
  }

  /**
   * The bytes a signer's key must sign for {@code message} in {@code namespace}: SSHSIG's
   * preamble, the namespace and the SHA-512 of the message, never the message itself.
   */
  public static byte[] toBeSigned(String namespace, byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    string(out, namespace.getBytes(StandardCharsets.UTF_8));
    string(out, new byte[0]);
    string(out, HASH.getBytes(StandardCharsets.US_ASCII));
    string(out, sha512(message));
    return out.toByteArray();
  }

  /** A signature made by {@code signer}'s key: {@code raw} is its 64-byte ed25519 signature of {@link #toBeSigned}. */
  public static SshSignature of(SshPublicKey signer, String namespace, byte[] raw) {
    if (!Ed25519.SSH_NAME.equals(signer.algorithm())) {
      throw new IllegalArgumentException("only ssh-ed25519 keys sign here, not " + signer.algorithm());
    }
    if (raw.length != Ed25519.SIGNATURE_BYTES) {
      throw new IllegalArgumentException("an ed25519 signature has 64 bytes, not " + raw.length);
    }
    return new SshSignature(signer, namespace, raw);
  }

  /**
   * Reads an armored signature as {@code ssh-keygen -Y sign} writes it.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static SshSignature parse(String armored) {
    String text = armored.strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new IllegalArgumentException("it is not an SSH signature (" + BEGIN + " ... " + END + ")");
    }
    String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
    ByteBuffer in;
    try {
      in = ByteBuffer.wrap(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the SSH signature is not valid base64");
    }
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC) || in.getInt() != VERSION) {
        throw new IllegalArgumentException("the SSH signature is not SSHSIG version 1");
      }
      SshPublicKey key = keyOf(string(in));
      String namespace = new String(string(in), StandardCharsets.UTF_8);
      string(in);
      String hash = new String(string(in), StandardCharsets.US_ASCII);
      if (!HASH.equals(hash)) {
        throw new IllegalArgumentException("the SSH signature uses " + hash + ", not sha512");
      }
      ByteBuffer sig = ByteBuffer.wrap(string(in));
      String algorithm = new String(string(sig), StandardCharsets.US_ASCII);
      byte[] raw = string(sig);
      if (in.hasRemaining() || sig.hasRemaining()) {
        throw new IllegalArgumentException("the SSH signature has trailing bytes");
      }
      if (!algorithm.equals(key.algorithm())) {
        throw new IllegalArgumentException("the SSH signature is " + algorithm + " but its key is " + key.algorithm());
      }
      return of(key, namespace, raw);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("the SSH signature is cut short");
    }
  }

  /** The key whose private half made this signature, as the signature names it. */
  public SshPublicKey signer() {
    return signer;
  }

  public String namespace() {
    return namespace;
  }

  /** Whether this is a valid signature of {@code message} in {@code expectedNamespace} by {@link #signer()}. */
  public boolean verifies(String expectedNamespace, byte[] message) {
    return namespace.equals(expectedNamespace)
        && Ed25519.verifies(signer, toBeSigned(namespace, message), signature);
  }

  /** The armored text, as {@code ssh-keygen -Y sign} writes it (ends with a newline). */
  public String armored() {
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    blob.writeBytes(MAGIC);
    blob.writeBytes(ByteBuffer.allocate(4).putInt(VERSION).array());
    string(blob, signer.blob());
    string(blob, namespace.getBytes(StandardCharsets.UTF_8));
    string(blob, new byte[0]);
    string(blob, HASH.getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    string(sig, signer.algorithm().getBytes(StandardCharsets.US_ASCII));
    string(sig, signature);
    string(blob, sig.toByteArray());
    String base64 = Base64.getEncoder().encodeToString(blob.toByteArray());
    StringBuilder out = new StringBuilder(BEGIN).append('\n');
    for (int i = 0; i < base64.length(); i += LINE) {
      out.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
    }
    return out.append(END).append('\n').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SshSignature s && s.signer.equals(signer) && s.namespace.equals(namespace)
        && Arrays.equals(s.signature, signature);
  }

  @Override
  public int hashCode() {
    return signer.hashCode() * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SSH signature by " + signer.fingerprint() + " in namespace " + namespace;
  }

  private static SshPublicKey keyOf(byte[] blob) {
    ByteBuffer b = ByteBuffer.wrap(blob);
    String algorithm = new String(string(b), StandardCharsets.US_ASCII);
    return SshPublicKey.of(algorithm, Base64.getEncoder().encodeToString(blob));
  }

  private static void string(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static byte[] string(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static byte[] sha512(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-512", e);
    }
  }
}
