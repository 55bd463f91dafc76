package io.gtfc.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/** Real ed25519 key pairs made with the JDK, signing as a node's key would. */
final class Signers {
  private Signers() {}

  /** One key pair and its OpenSSH public key. */
  record Signer(KeyPair pair, SshPublicKey key) {
    byte[] sign(byte[] data) {
      try {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(data);
        return s.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    SshSignature sshSign(String namespace, byte[] message) {
      return SshSignature.of(key, namespace, sign(SshSignature.toBeSigned(namespace, message)));
    }

    /** {@code directory} signed by this key. */
    MemberDirectory seal(MemberDirectory directory) {
      return directory.signedWith(sshSign(MemberDirectory.NAMESPACE, directory.signedMessage()));
    }
  }

  static Signer fresh() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] encoded = pair.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      ByteArrayOutputStream blob = new ByteArrayOutputStream();
      string(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
      string(blob, raw);
      return new Signer(pair, SshPublicKey.of("ssh-ed25519", Base64.getEncoder().encodeToString(blob.toByteArray())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void string(ByteArrayOutputStream out, byte[] bytes) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }
}
