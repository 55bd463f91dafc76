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

  public static ImmutableDaemonState.Builder builder() {
    return ImmutableDaemonState.builder();
  }
}
