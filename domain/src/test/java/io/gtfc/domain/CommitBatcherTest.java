package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitBatcherTest {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private final CommitBatcher batcher = new CommitBatcher(
      new CommitBatcher.Settings(Duration.ofMillis(20), Duration.ofSeconds(1), 3));

  private static Instant at(long millis) {
    return T0.plusMillis(millis);
  }

  private static RelativePath p(String s) {
    return RelativePath.of(s);
  }

  @Test
  void nothingChangedMeansNothingToDo() {
    assertThat(batcher.idle()).isTrue();
    assertThat(batcher.decide(at(0)).commit()).isEmpty();
    assertThat(batcher.decide(at(0)).askAgainAt()).isEmpty();
  }

  @Test
  void aClosedWriteIsCommittedAfterTheQuietWindow() {
    batcher.changed(p("a.txt"), false, at(0));
    CommitBatcher.Decision early = batcher.decide(at(10));
    assertThat(early.commit()).isEmpty();
    assertThat(early.askAgainAt()).contains(at(20));
    assertThat(batcher.decide(at(20)).commit()).containsExactly(p("a.txt"));
    assertThat(batcher.idle()).isTrue();
  }

  @Test
  void aFileStillOpenForWritingIsNotCommittedWhileTheWindowIsQuiet() {
    batcher.changed(p("big.iso"), true, at(0));
    assertThat(batcher.decide(at(500)).commit()).isEmpty();
    batcher.changed(p("big.iso"), false, at(600));
    assertThat(batcher.decide(at(619)).commit()).isEmpty();
    assertThat(batcher.decide(at(620)).commit()).containsExactly(p("big.iso"));
  }

  @Test
  void aContinuousStreamIsCommittedAtTheCap() {
    for (int ms = 0; ms < 1000; ms += 10) {
      batcher.changed(p("log.txt"), false, at(ms));
      assertThat(batcher.decide(at(ms)).commit()).isEmpty();
    }
    batcher.changed(p("log.txt"), false, at(1000));
    assertThat(batcher.decide(at(1000)).commit()).containsExactly(p("log.txt"));
  }

  @Test
  void aBatchNeverHoldsMoreThanTheCapOfPaths() {
    for (String f : List.of("a", "b", "c", "d", "e")) {
      batcher.changed(p(f), false, at(0));
    }
    CommitBatcher.Decision first = batcher.decide(at(0));
    assertThat(first.commit()).containsExactly(p("a"), p("b"), p("c"));
    assertThat(first.askAgainAt()).contains(at(0));
    assertThat(batcher.decide(at(20)).commit()).containsExactly(p("d"), p("e"));
    assertThat(batcher.idle()).isTrue();
  }

  @Test
  void lostEventsAskForTheWholeFolder() {
    batcher.everythingChanged(at(0));
    CommitBatcher.Decision d = batcher.decide(at(20));
    assertThat(d.everything()).isTrue();
    assertThat(batcher.idle()).isTrue();
  }
}
