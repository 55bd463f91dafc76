package io.gtfc.ssh;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collections;
import java.util.Iterator;
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
  private OpenSshKeys() {}

  static KeyPair generate() {
    try {
      return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    } catch (GeneralSecurityException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "this Java runtime cannot make ed25519 keys (" + e.getMessage() + "): is Bouncy Castle on the class path?", e);
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
    HomeFiles.checkPrivate(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new GtfcException(Problem.BAD_STATE, "the key " + file + " is missing", e);
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot read the key " + file + " (" + e.getMessage() + "): check that this user owns the node home", e);
    }
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
