package io.gtfc.ssh;

import io.gtfc.domain.Ed25519;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;

/** ed25519 keys in OpenSSH formats, and the translation between MINA's keys and the domain's. */
final class OpenSshKeys {
  private static final String PEM_BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
  private static final String PEM_END = "-----END OPENSSH PRIVATE KEY-----";
  private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final int ED25519_KEY_BYTES = 32;

  private OpenSshKeys() {}

  static KeyPair generate() {
    try {
      if (SecurityUtils.getEdDSASupport().orElse(null) instanceof JdkEd25519) {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair(); // the JDK's takes no size of 256
      }
      return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    } catch (GeneralSecurityException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "this Java runtime cannot make ed25519 keys (" + e.getMessage() + "): it needs Java 17's SunEC provider", e);
    }
  }

  /** The private key file as {@code ssh-keygen} writes it, unencrypted. */
  static byte[] privateKeyFile(KeyPair pair, String comment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
    } catch (IOException | GeneralSecurityException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot encode a new key: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** Reads an unencrypted OpenSSH private key file after checking that only its owner may read it. */
  static KeyPair read(Path file) {
    return parse(file, readPrivate(file));
  }

  /**
   * The public half of an unencrypted OpenSSH private key file, checked as {@link #read} checks
   * it. An ed25519 key in {@code ssh-keygen}'s format is read here, without MINA: its private
   * section holds the public key next to the private one, and the three copies the file holds
   * (the header's, the private section's, the second half of the 64-byte key pair) must agree.
   * That spares a one-shot command the ~100 ms of MINA and Bouncy Castle start-up. Any other key
   * goes through MINA, which also says what is wrong with a damaged file.
   */
  static SshPublicKey publicHalf(Path file) {
    byte[] bytes = readPrivate(file);
    try {
      return unencryptedEd25519(bytes).orElseGet(() -> toDomain(parse(file, bytes).getPublic()));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE, "cannot read the key " + file + " (" + e.getMessage()
          + "): it is damaged; move it away and run the command again", e);
    }
  }

  private static byte[] readPrivate(Path file) {
    HomeFiles.checkPrivate(file);
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new GtfcException(Problem.BAD_STATE, "the key " + file + " is missing", e);
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot read the key " + file + " (" + e.getMessage() + "): check that this user owns the node home", e);
    }
  }

  /**
   * The public key of an unencrypted ed25519 {@code openssh-key-v1} file (PROTOCOL.key in
   * OpenSSH's sources); empty for any other content.
   *
   * @throws IllegalArgumentException when the file is such a key but its copies of the public key differ
   */
  static Optional<SshPublicKey> unencryptedEd25519(byte[] file) {
    String text = new String(file, StandardCharsets.US_ASCII);
    int begin = text.indexOf(PEM_BEGIN);
    int end = text.indexOf(PEM_END);
    if (begin < 0 || end < begin) {
      return Optional.empty();
    }
    ByteBuffer in;
    try {
      in = ByteBuffer.wrap(Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end)));
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    try {
      byte[] magic = new byte[OPENSSH_MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, OPENSSH_MAGIC) || !"none".equals(string(in)) || !"none".equals(string(in))
          || bytes(in).length != 0 || in.getInt() != 1) {
        return Optional.empty();
      }
      byte[] blob = bytes(in);
      ByteBuffer header = ByteBuffer.wrap(blob);
      ByteBuffer secret = ByteBuffer.wrap(bytes(in));
      if (!Ed25519.SSH_NAME.equals(string(header)) || secret.getInt() != secret.getInt()
          || !Ed25519.SSH_NAME.equals(string(secret))) {
        return Optional.empty();
      }
      byte[] publicKey = bytes(header);
      byte[] again = bytes(secret);
      byte[] pair = bytes(secret);
      if (publicKey.length != ED25519_KEY_BYTES || header.hasRemaining() || pair.length != 2 * ED25519_KEY_BYTES) {
        return Optional.empty();
      }
      if (!Arrays.equals(publicKey, again)
          || !Arrays.equals(publicKey, Arrays.copyOfRange(pair, ED25519_KEY_BYTES, pair.length))) {
        throw new IllegalArgumentException("its public and private parts name different keys");
      }
      return Optional.of(SshPublicKey.of(Ed25519.SSH_NAME, Base64.getEncoder().encodeToString(blob)));
    } catch (BufferUnderflowException truncated) {
      return Optional.empty();
    }
  }

  /** An SSH {@code string}: a 32-bit length, then that many bytes. */
  private static byte[] bytes(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private static String string(ByteBuffer in) {
    return new String(bytes(in), StandardCharsets.US_ASCII);
  }

  private static KeyPair parse(Path file, byte[] bytes) {
    Iterator<KeyPair> pairs;
    try {
      Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(
          null, NamedResource.ofName(file.toString()), new ByteArrayInputStream(bytes), null);
      pairs = loaded == null ? Collections.emptyIterator() : loaded.iterator();
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "cannot read the key " + file + " (" + e.getMessage() + "): it must be an unencrypted OpenSSH ed25519 key", e);
    }
    if (!pairs.hasNext()) {
      throw new GtfcException(Problem.BAD_STATE, file + " holds no private key: move it away and run the command again");
    }
    return pairs.next();
  }

  /** The raw 64-byte ed25519 signature of {@code data} by {@code pair}'s private key. */
  static byte[] sign(KeyPair pair, byte[] data) {
    try {
      Signature signer = BuiltinSignatures.ed25519.create();
      signer.initSigner(null, pair.getPrivate());
      signer.update(null, data);
      return signer.sign(null);
    } catch (Exception e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot sign with the node's ed25519 key: " + e.getMessage(), e);
    }
  }

  static SshPublicKey toDomain(PublicKey key) {
    return SshPublicKey.parse(PublicKeyEntry.toString(key));
  }

  static PublicKey toJava(SshPublicKey key) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(key.openSsh())
          .resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.FAILING);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE, "the key '" + key + "' cannot be used: " + e.getMessage(), e);
    }
  }
}
