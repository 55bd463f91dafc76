package io.gtfc.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.immutables.value.Value;

/**
 * An SSH public key as OpenSSH writes it ({@code ssh-ed25519 AAAA...}): the algorithm name and
 * the base64 key blob. Comments are not part of the key.
 */
@Value.Immutable
public abstract class SshPublicKey {
  @Value.Parameter
  public abstract String algorithm();

  @Value.Parameter
  public abstract String base64();

  public static SshPublicKey of(String algorithm, String base64) {
    return ImmutableSshPublicKey.of(algorithm, base64);
  }

  /** Parses the first two fields of an OpenSSH public key line; the rest (a comment) is ignored. */
  public static SshPublicKey parse(String line) {
    String[] fields = line.trim().split("\\s+");
    if (fields.length < 2) {
      throw new IllegalArgumentException(
          "'" + abbreviate(line) + "' is not an OpenSSH public key: expected 'ssh-ed25519 AAAA...'");
    }
    return of(fields[0], fields[1]);
  }

  @Value.Check
  protected void check() {
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(base64());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the key '" + abbreviate(base64()) + "' is not valid base64");
    }
    ByteBuffer b = ByteBuffer.wrap(blob);
    if (blob.length < 4) {
      throw new IllegalArgumentException("the key '" + abbreviate(base64()) + "' is too short to be an SSH key");
    }
    int len = b.getInt();
    if (len < 0 || len > b.remaining()) {
      throw new IllegalArgumentException("the key '" + abbreviate(base64()) + "' is not an SSH key blob");
    }
    byte[] name = new byte[len];
    b.get(name);
    String inner = new String(name, StandardCharsets.US_ASCII);
    if (!inner.equals(algorithm())) {
      throw new IllegalArgumentException(
          "the key says it is '" + algorithm() + "' but its blob holds a '" + inner + "' key");
    }
  }

  /** The key blob, as SSH sends it on the wire. */
  public byte[] blob() {
    return Base64.getDecoder().decode(base64());
  }

  /** The fingerprint OpenSSH prints ({@code ssh-keygen -l}): {@code SHA256:} and unpadded base64. */
  @Value.Lazy
  public Fingerprint fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob());
      return Fingerprint.of("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** The key as one OpenSSH line without comment. */
  public String openSsh() {
    return algorithm() + " " + base64();
  }

  @Override
  public String toString() {
    return openSsh();
  }

  private static String abbreviate(String s) {
    return s.length() <= 24 ? s : s.substring(0, 21) + "...";
  }
}
