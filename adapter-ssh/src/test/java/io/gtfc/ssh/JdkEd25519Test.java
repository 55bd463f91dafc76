package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build runs these tests with {@link JdkEd25519Registrar#REGISTRARS_OPTION}, as the launcher runs gtfc. */
class JdkEd25519Test {
  @TempDir
  Path temp;

  @Test
  void thePublicKeyRecoveredFromAPrivateOneIsItsOwn() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    JdkEd25519 support = new JdkEd25519();
    for (int i = 0; i < 20; i++) {
      KeyPair pair = generator.generateKeyPair();

      assertThat(support.recoverEDDSAPublicKey(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }
  }

  @Test
  void onlyAnEd25519PrivateKeyHasAPublicKeyToRecover() throws Exception {
    KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

    assertThat(new JdkEd25519().getEDDSAKeySize(ed448.getPublic())).isEqualTo(-1);
    assertThatThrownBy(() -> new JdkEd25519().recoverEDDSAPublicKey(
        KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate()))
        .isInstanceOf(InvalidKeyException.class).hasMessageContaining("not an ed25519 private key");
  }

  @Test
  void minaMakesReadsAndSignsWithTheJdksKeysNotBouncyCastles() throws Exception {
    KeyPair made = OpenSshKeys.generate();
    Path file = temp.resolve("id_ed25519");
    Files.write(file, OpenSshKeys.privateKeyFile(made, "test"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    KeyPair read = OpenSshKeys.read(file);
    byte[] data = "gtfc-members 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] signature = OpenSshKeys.sign(read, data);

    assertThat(made.getPublic()).isInstanceOf(EdECPublicKey.class);
    assertThat(read.getPrivate()).isInstanceOf(EdECPrivateKey.class);
    assertThat(read.getPublic().getEncoded()).isEqualTo(made.getPublic().getEncoded());
    assertThat(OpenSshKeys.publicHalf(file)).isEqualTo(OpenSshKeys.toDomain(made.getPublic()));
    assertThat(Ed25519.verifies(OpenSshKeys.toDomain(made.getPublic()), data, signature)).isTrue();
    assertThat(Ed25519.verifies(OpenSshKeys.toDomain(OpenSshKeys.generate().getPublic()), data, signature)).isFalse();
  }
}
