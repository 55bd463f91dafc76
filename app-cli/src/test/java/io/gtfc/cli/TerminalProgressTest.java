package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.ports.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
  /** A clock a test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T09:30:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aLongTaskShowsCountsABarAndTheRateThenEndsItsLine() {
    StringWriter err = new StringWriter();
    HandClock clock = new HandClock();
    Progress progress = new TerminalProgress(new PrintWriter(err, true), clock);

    try (Progress.Task task = progress.start("receiving objects (from beta)", 200)) {
      task.advance(10);
      assertThat(err.toString()).as("quick work stays silent").isEmpty();
      clock.advance(Duration.ofSeconds(1));
      task.advance(90);
    }

    assertThat(err.toString())
        .startsWith("\rreceiving objects (from beta) [############............] 100/200 50% 100/s")
        .endsWith("100/200 50% 100/s, done in 1.0 s\n");
  }

  @Test
  void aTaskOfUnknownSizeShowsACountAndTheRate() {
    assertThat(TerminalProgress.render("scanning /srv/share", 4500, 0, 1500, false))
        .isEqualTo("scanning /srv/share 4500 3000/s");
  }

  @Test
  void aTaskThatEndsQuicklyPrintsNothing() {
    StringWriter err = new StringWriter();
    try (Progress.Task task = new TerminalProgress(new PrintWriter(err, true), new HandClock()).start("x", 5)) {
      task.advance(5);
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void progressIsSilentWhenOutputIsNotATerminalOrWithQuiet() {
    Gtfc.Console notATerminal = console(false);
    assertThat(new GtfcCommand(notATerminal, (home, p) -> null, Gtfc.Wire.standard()).progress()).isSameAs(Progress.NONE);

    GtfcCommand atATerminal = new GtfcCommand(console(true), (home, p) -> null, Gtfc.Wire.standard());
    assertThat(atATerminal.progress()).isInstanceOf(TerminalProgress.class);
    atATerminal.quiet = true;
    assertThat(atATerminal.progress()).isSameAs(Progress.NONE);
  }

  private static Gtfc.Console console(boolean interactive) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new Gtfc.Console(sink, sink, Map.of(), Path.of("/"), Clock.systemUTC(), () -> null, interactive);
  }
}
