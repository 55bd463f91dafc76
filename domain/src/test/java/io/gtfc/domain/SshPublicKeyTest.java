package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SshPublicKeyTest {
  @Test
  void fingerprintIsTheOneSshKeygenPrints() {
    assertThat(Keys.A.fingerprint().value()).isEqualTo(Keys.A_FINGERPRINT);
    assertThat(Keys.B.fingerprint().value()).isEqualTo(Keys.B_FINGERPRINT);
  }

  @Test
  void theCommentIsNotPartOfTheKey() {
    assertThat(SshPublicKey.parse(Keys.A.openSsh() + " another comment")).isEqualTo(Keys.A);
  }

  @Test
  void aBlobOfAnotherAlgorithmIsRefused() {
    assertThatThrownBy(() -> SshPublicKey.of("ssh-rsa", Keys.A.base64()))
        .hasMessageContaining("holds a 'ssh-ed25519' key");
  }

  @Test
  void garbageIsRefused() {
    assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 not*base64"))
        .hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> SshPublicKey.parse("justoneword"))
        .hasMessageContaining("not an OpenSSH public key");
  }
}
