package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SshSignatureTest {
  private final Signers.Signer alpha = Signers.fresh();
  private final byte[] message = "the member list\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignatureVerifiesForItsMessageAndNamespaceOnly() {
    SshSignature signature = alpha.sshSign("gtfc-members", message);

    assertThat(signature.verifies("gtfc-members", message)).isTrue();
    assertThat(signature.verifies("file", message)).isFalse();
    assertThat(signature.verifies("gtfc-members", "the member list!\n".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(signature.signer()).isEqualTo(alpha.key());
  }

  @Test
  void theArmoredFormReadsBackAsTheSameSignature() {
    SshSignature signature = alpha.sshSign("gtfc-members", message);
    String armored = signature.armored();

    assertThat(armored).startsWith("-----BEGIN SSH SIGNATURE-----\n").endsWith("-----END SSH SIGNATURE-----\n");
    assertThat(armored.lines()).allMatch(l -> l.length() <= 70);
    SshSignature read = SshSignature.parse(armored);
    assertThat(read).isEqualTo(signature);
    assertThat(read.verifies("gtfc-members", message)).isTrue();
  }

  @Test
  void aSignatureClaimingAnotherKeyDoesNotVerify() {
    Signers.Signer mallory = Signers.fresh();
    byte[] raw = mallory.sign(SshSignature.toBeSigned("gtfc-members", message));

    assertThat(SshSignature.of(alpha.key(), "gtfc-members", raw).verifies("gtfc-members", message)).isFalse();
  }

  @Test
  void textThatIsNoSignatureIsRefusedWithAReason() {
    assertThatThrownBy(() -> SshSignature.parse("hello")).hasMessageContaining("not an SSH signature");
    assertThatThrownBy(() -> SshSignature.parse(SshSignature.BEGIN + "\nAAAA\n" + SshSignature.END))
        .hasMessageContaining("SSH signature");
    assertThatThrownBy(() -> SshSignature.parse(SshSignature.BEGIN + "\n!!\n" + SshSignature.END))
        .hasMessageContaining("base64");
  }
}
