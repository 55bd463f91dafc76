package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeletionGuardTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private static DeletionGuard.Observation deleting(int deleted, int tracked) {
    return new DeletionGuard.Observation(true, true, false, tracked, deleted);
  }

  @Test
  void mostFilesDeletedAtOnceAreRefusedAFewAreNot() {
    assertThat(DeletionGuard.refusal(deleting(1_001, 2_000))).hasValueSatisfying(
        r -> assertThat(r).contains("1001 of 2000").contains("--allow-mass-delete"));
    assertThat(DeletionGuard.refusal(deleting(999, 2_000))).isEmpty();
    assertThat(DeletionGuard.refusal(deleting(40, 60))).as("fewer than 50").isEmpty();
  }

  @Test
  void aMissingOrUnmountedOrEmptiedRootIsRefused() {
    assertThat(DeletionGuard.refusal(new DeletionGuard.Observation(false, false, false, 0, 0))).isPresent();
    assertThat(DeletionGuard.refusal(new DeletionGuard.Observation(true, false, false, 10, 0))).isPresent();
    assertThat(DeletionGuard.refusal(new DeletionGuard.Observation(true, true, true, 10, 10))).isPresent();
  }

  @Test
  void aDeletionReportedInPartsIsJudgedAsAWhole() {
    DeletionGuard.Recent recent = new DeletionGuard.Recent();
    DeletionGuard.Observation first = deleting(900, 2_000);
    assertThat(DeletionGuard.refusal(recent.judge(first, T0))).isEmpty();
    recent.committed(first, T0);

    DeletionGuard.Observation second = deleting(200, 1_100);

    assertThat(DeletionGuard.refusal(second)).as("alone").isEmpty();
    assertThat(DeletionGuard.refusal(recent.judge(second, T0.plusSeconds(2))))
        .hasValueSatisfying(r -> assertThat(r).contains("1100 of 2000"));
  }

  @Test
  void deletionsFarApartAreJudgedOnTheirOwn() {
    DeletionGuard.Recent recent = new DeletionGuard.Recent();
    DeletionGuard.Observation first = deleting(900, 2_000);
    recent.committed(first, T0);

    Instant later = T0.plus(DeletionGuard.Recent.SPAN).plusSeconds(1);

    assertThat(DeletionGuard.refusal(recent.judge(deleting(200, 1_100), later))).isEmpty();
  }

  @Test
  void onlyABatchOfManyDeletionsWaitsForMore() {
    assertThat(DeletionGuard.Recent.worthWaitingFor(50)).isTrue();
    assertThat(DeletionGuard.Recent.worthWaitingFor(49)).isFalse();
  }
}
