package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InvitationTest {
  private final Invitation invitation = Invitation.builder()
      .cluster(ClusterId.of("c1u5ter0001"))
      .inviter(NodeId.of("alpha"))
      .endpoint(Endpoint.of("127.0.0.1", 7001))
      .hostKeyFingerprint(Fingerprint.of(Keys.A_FINGERPRINT))
      .role(Role.READ_ONLY)
      .secret("abcdefghijklmnopqrstuvwxyz012345")
      .expiresAt(Instant.parse("2026-11-25T12:00:00Z"))
      .build();

  @Test
  void aTokenReadsBackAsTheSameInvitation() {
    assertThat(Invitation.parse(invitation.token())).isEqualTo(invitation);
  }

  @Test
  void aTokenIsOneShellSafeWord() {
    assertThat(invitation.token()).startsWith("gtfc1.").matches("[A-Za-z0-9._-]+");
  }

  @Test
  void expiresAtItsInstant() {
    assertThat(invitation.expiredAt(Instant.parse("2026-11-25T11:59:59Z"))).isFalse();
    assertThat(invitation.expiredAt(Instant.parse("2026-11-25T12:00:00Z"))).isTrue();
  }

  @Test
  void aTruncatedTokenIsCalledDamaged() {
    String token = invitation.token();
    assertThatThrownBy(() -> Invitation.parse(token.substring(0, token.length() - 9)))
        .hasMessageContaining("damaged or incomplete");
  }

  @Test
  void somethingElseIsNotAToken() {
    assertThatThrownBy(() -> Invitation.parse("alpha.example.org"))
        .hasMessageContaining("not a gtfc join token");
  }
}
