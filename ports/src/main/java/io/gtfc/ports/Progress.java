package io.gtfc.ports;

/**
 * Where long work (copying a large folder, the first scan, a big push) reports how far it got, so
 * that a person at a terminal sees counts and a rate. Adapters translate their library's progress
 * callbacks into this; {@link #NONE} ignores everything (for scripts, services and tests).
 *
 * <p>Threading: a task is advanced from the thread that started it; several tasks may run at once
 * on different threads. Implementations never throw.
 */
public interface Progress {

  /** Reports nothing. */
  Progress NONE = (title, total) -> Task.NONE;

  /**
   * Starts a task.
   *
   * @param title what is being done, e.g. "receiving objects from beta"
   * @param total how many units the task has, or 0 when unknown
   */
  Task start(String title, long total);

  /** One piece of long work. Closing it says it is done. */
  interface Task extends AutoCloseable {
    /** Does nothing. */
    Task NONE = new Task() {
      @Override
      public void advance(long units) {
        // nothing to show
      }

      @Override
      public void close() {
        // nothing to close
      }
    };

    /** {@code units} more units are done. */
    void advance(long units);

    @Override
    void close();
  }
}
