package io.gtfc.cli;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gives the heap back to the system once a daemon has gone quiet after some work: a clone, a burst
 * or a big merge leaves the heap grown with garbage, and the serial collector only returns it
 * (all at once, with -XX:-ShrinkHeapInSteps) after a full collection, which an idle daemon never
 * runs by itself. One full collection per quiet spell, of a heap of a few tens of MB.
 */
final class IdleHeapTrim implements AutoCloseable {
  static final Duration QUIET = Duration.ofSeconds(5);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gtfc-heap-trim");
    t.setDaemon(true);
    return t;
  });
  private final Supplier<String> activity;
  private final Runnable collect;
  private String seen;
  private boolean trimmed = true;

  /** {@code activity}: a value that changes whenever the daemon did something (its last action). */
  IdleHeapTrim(Supplier<String> activity, Runnable collect) {
    this.activity = activity;
    this.collect = collect;
    this.seen = activity.get();
  }

  static IdleHeapTrim start(Supplier<String> activity) {
    IdleHeapTrim trim = new IdleHeapTrim(activity, System::gc);
    trim.timer.scheduleWithFixedDelay(trim::look, QUIET.toMillis(), QUIET.toMillis(), TimeUnit.MILLISECONDS);
    trim.trimmed = false; // the start itself (opening, the first catch-up) was work
    return trim;
  }

  /** Called every {@link #QUIET}: collects once when nothing happened since the last look, after something did. */
  void look() {
    String now = activity.get();
    if (!Objects.equals(now, seen)) {
      seen = now;
      trimmed = false;
    } else if (!trimmed) {
      trimmed = true;
      collect.run();
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
