package io.gtfc.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/**
 * Ed25519 signature checks (RFC 8032) with the JDK's own provider, from the raw 32-byte key in an
 * OpenSSH key blob. The one class of the domain that does cryptography; it only verifies.
 */
public final class Ed25519 {
  /** The OpenSSH name of the algorithm. */
  public static final String SSH_NAME = "ssh-ed25519";
  static final int SIGNATURE_BYTES = 64;
  private static final int KEY_BYTES = 32;
  /** DER of SubjectPublicKeyInfo for id-Ed25519 (1.3.101.112) up to the 32 key bytes (RFC 8410). */
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private Ed25519() {}

  /**
   * Whether {@code signature} (the 64 raw bytes) is {@code key}'s signature of {@code data}. False
   * for a key of another algorithm, a malformed key or signature, or a signature that does not match.
   */
  public static boolean verifies(SshPublicKey key, byte[] data, byte[] signature) {
    if (!SSH_NAME.equals(key.algorithm()) || signature.length != SIGNATURE_BYTES) {
      return false;
    }
    byte[] raw = rawKey(key);
    if (raw.length != KEY_BYTES) {
      return false;
    }
    byte[] encoded = new byte[X509_PREFIX.length + KEY_BYTES];
    System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
    System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_BYTES);
    try {
      PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no Ed25519 (Java 15 and later have it)", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The key bytes inside an {@code ssh-ed25519} blob: string "ssh-ed25519", string key. */
  private static byte[] rawKey(SshPublicKey key) {
    ByteBuffer blob = ByteBuffer.wrap(key.blob());
    try {
      byte[] name = new byte[blob.getInt()];
      blob.get(name);
      if (!SSH_NAME.equals(new String(name, StandardCharsets.US_ASCII))) {
        return new byte[0];
      }
      byte[] raw = new byte[blob.getInt()];
      blob.get(raw);
      return blob.hasRemaining() ? new byte[0] : raw;
    } catch (RuntimeException e) {
      return new byte[0];
    }
  }
}
