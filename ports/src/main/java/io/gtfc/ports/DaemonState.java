package io.gtfc.ports;

import io.gtfc.domain.Endpoint;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/** What a running {@code gtfc watch} (or {@code gtfc serve}) last said about itself. */
@Value.Immutable
public abstract class DaemonState {
  /** The operating system's id of the process that runs it. */
  public abstract long pid();

  /** {@code watch} or {@code serve}. */
  public abstract String mode();

  public abstract Instant started();

  /** Where it answers peers; empty until it listens. */
  public abstract Optional<Endpoint> address();

  /** One line: what it did last, e.g. "pushed 3f9a2c1e4b to beta". */
  public abstract String lastAction();

  public abstract Instant updated();

  /** False once it stopped cleanly; a record that says true for a process that is gone was left by a crash. */
  public abstract boolean running();

  /**
   * True while a watching daemon vouches that the working tree holds no edit it has not
   * committed, as of {@link #updated()}: its watcher reports changes as they happen (not by
   * polling) and has lost none, it has looked at the whole folder since it started, every change
   * reported is committed, and nothing is held back (by the deletion guard, or as an edit of
   * {@code .gtfc/} by hand). The daemon records false before it takes in a change, so a reader
   * that sees true while the process lives need not scan the folder. False in every other case,
   * and in a record that does not say (an older daemon, {@code gtfc serve}).
   */
  @Value.Default
  public boolean upToDate() {
    return false;
  }

  public static ImmutableDaemonState.Builder builder() {
    return ImmutableDaemonState.builder();
  }
}
