package io.gtfc.usecases;

import io.gtfc.domain.Revision;
import io.gtfc.ports.Integration;
import java.util.Optional;
import org.immutables.value.Value;

/** What {@code gtfc shell} did: served a fetch, took a push (and integrated it), or refused. */
@Value.Immutable
public abstract class ShellReport {
  /** The three ways a forced command ends. */
  public enum Outcome { FETCHED, PUSHED, REFUSED }

  public abstract Outcome outcome();

  /** Why it refused; the client has been told the same line. */
  public abstract Optional<String> refusal();

  /** The sender's inbox head after an accepted push. */
  public abstract Optional<Revision> received();

  /** How that push was brought into the folder. */
  public abstract Optional<Integration> integration();

  static ShellReport refused(String why) {
    return ImmutableShellReport.builder().outcome(Outcome.REFUSED).refusal(why).build();
  }
}
