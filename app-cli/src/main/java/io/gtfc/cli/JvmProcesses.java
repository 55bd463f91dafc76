package io.gtfc.cli;

import io.gtfc.ports.Processes;
import java.time.Instant;

/** The processes of this machine, as the JVM's {@link ProcessHandle} sees them. */
final class JvmProcesses implements Processes {
  @Override
  public long self() {
    return ProcessHandle.current().pid();
  }

  /** A process that started after {@code seenAt} took over a dead daemon's id: it does not count. */
  @Override
  public boolean alive(long pid, Instant seenAt) {
    try {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .map(p -> p.info().startInstant().map(start -> !start.isAfter(seenAt)).orElse(true))
          .orElse(false);
    } catch (SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }
}
