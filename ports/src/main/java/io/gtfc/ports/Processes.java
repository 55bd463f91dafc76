package io.gtfc.ports;

import java.time.Instant;

/**
 * The operating system's processes, as far as gtfc needs them: its own id, to record which
 * process runs a daemon, and whether a recorded daemon still runs. Thread-safe.
 */
public interface Processes {

  /** The id of this process. */
  long self();

  /**
   * Whether the process {@code pid} runs now and is the one that was running at {@code seenAt}
   * (a process that started after {@code seenAt} merely reuses the id). Never throws.
   */
  boolean alive(long pid, Instant seenAt);
}
