package io.gtfc.cli;

import io.gtfc.ports.Progress;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;

/**
 * Progress as one line on a terminal, redrawn in place: the task, the count (of the total when
 * known, with a bar), and the rate. A task shorter than half a second never shows, so quick work
 * stays silent; the line is redrawn at most ten times a second.
 */
final class TerminalProgress implements Progress {
  static final long SHOW_AFTER_MILLIS = 500;
  private static final long REDRAW_MILLIS = 100;
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final Clock clock;

  TerminalProgress(PrintWriter err, Clock clock) {
    this.err = err;
    this.clock = clock;
  }

  @Override
  public Task start(String title, long total) {
    return new Line(title, total, clock.millis());
  }

  private final class Line implements Task {
    private final String title;
    private final long total;
    private final long started;
    private long done;
    private long drawn = -1;
    private int width;

    Line(String title, long total, long started) {
      this.title = title;
      this.total = Math.max(0, total);
      this.started = started;
    }

    @Override
    public synchronized void advance(long units) {
      done += units;
      long now = clock.millis();
      if (now - started >= SHOW_AFTER_MILLIS && (drawn < 0 || now - drawn >= REDRAW_MILLIS)) {
        draw(now, false);
      }
    }

    @Override
    public synchronized void close() {
      if (drawn >= 0) {
        draw(clock.millis(), true);
      }
    }

    private void draw(long now, boolean last) {
      String line = render(title, done, total, now - started, last);
      synchronized (err) {
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + (last ? "\n" : ""));
        err.flush();
      }
      width = line.length();
      drawn = now;
    }
  }

  /** e.g. {@code receiving objects from beta [######......] 1200/4800 25% 812/s}. */
  static String render(String title, long done, long total, long elapsedMillis, boolean last) {
    StringBuilder line = new StringBuilder(title).append(' ');
    if (total > 0) {
      long shown = Math.min(done, total);
      int filled = (int) (BAR_WIDTH * shown / total);
      line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
          .append(shown).append('/').append(total).append(' ').append(100 * shown / total).append('%');
    } else {
      line.append(done);
    }
    double seconds = Math.max(elapsedMillis, 1) / 1000.0;
    line.append(' ').append(String.format(Locale.ROOT, "%.0f/s", done / seconds));
    if (last) {
      line.append(String.format(Locale.ROOT, ", done in %.1f s", seconds));
    }
    return line.toString();
  }
}
