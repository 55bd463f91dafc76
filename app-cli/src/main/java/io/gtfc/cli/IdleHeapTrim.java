package io.gtfc.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
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
 * runs by itself. Once per quiet spell (two full collections in a row, see {@link #collectTight}),
 * of a heap of a few tens of MB.
 *
 * <p>That sizes the heap to what is live plus {@value #TRIM_FREE_RATIO}% ({@link
 * #collectTight}); the rest of the time the heap keeps the JVM's own free-ratio bounds, so that a
 * burst grows it in large steps instead of running a full collection for every few MB it needs
 * (-XX:MaxHeapFreeRatio=10 for the daemon's whole life ran 21-24 full collections per node in
 * two repetitions of the benchmark's B1, 0.8-1.3 s of pauses per node).
 */
final class IdleHeapTrim implements AutoCloseable {
  static final Duration QUIET = Duration.ofSeconds(5);
  /** The free part of the heap that an idle daemon's collection leaves, in percent. */
  static final int TRIM_FREE_RATIO = 10;
  private static final String MIN_FREE = "MinHeapFreeRatio";
  private static final String MAX_FREE = "MaxHeapFreeRatio";

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
    IdleHeapTrim trim = new IdleHeapTrim(activity, () -> collectTight(System::gc));
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

  /**
   * Runs {@code collect} (a full collection) twice with both heap free-ratio bounds at {@value
   * #TRIM_FREE_RATIO}%, so that it gives back all but that much of the free heap, then puts the
   * bounds back as they were. Twice, because the JVM keeps a soft reference for as many seconds as
   * the last collection left MB free: the first collection, after a larger heap, would keep the
   * pack data JGit caches softly; the second, after the first left little free, lets it go. Where
   * the JVM does not let the bounds be changed (they are manageable flags in HotSpot), it just
   * collects.
   */
  static void collectTight(Runnable collect) {
    HotSpotDiagnosticMXBean vm = null;
    String min = null;
    String max = null;
    try {
      vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      min = vm.getVMOption(MIN_FREE).getValue();
      max = vm.getVMOption(MAX_FREE).getValue();
      // in this order, and back in the reverse: the JVM refuses a minimum above the maximum
      vm.setVMOption(MIN_FREE, Integer.toString(Math.min(TRIM_FREE_RATIO, Integer.parseInt(min))));
      vm.setVMOption(MAX_FREE, Integer.toString(TRIM_FREE_RATIO));
    } catch (RuntimeException | LinkageError notManageable) {
      // not HotSpot, a runtime without jdk.management, or fixed flags: a plain collection still
      // gives back what it can
    }
    try {
      collect.run();
      collect.run();
    } finally {
      if (min != null && max != null) {
        try {
          vm.setVMOption(MAX_FREE, max);
          vm.setVMOption(MIN_FREE, min);
        } catch (RuntimeException notManageable) {
          // left as the failed step left them: the heap then stays smaller, nothing else
        }
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
