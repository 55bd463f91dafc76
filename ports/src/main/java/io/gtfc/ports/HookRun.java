package io.gtfc.ports;

import org.immutables.value.Value;

/** How one run of a hook ended. */
@Value.Immutable
public abstract class HookRun {
  /** The ways a hook run ends; none of them changes what was already synced. */
  public enum Outcome {
    /** This node has no such hook: nothing ran. */
    NOT_CONFIGURED,
    /** The hook exited with status 0. */
    SUCCEEDED,
    /** The hook could not start, or exited with another status. */
    FAILED,
    /** The hook ran past its time limit and was killed. */
    TIMED_OUT
  }

  @Value.Parameter
  public abstract Outcome outcome();

  /** One line for the log: the exit status, the time limit, the last line the hook printed. */
  @Value.Parameter
  public abstract String detail();

  public static HookRun of(Outcome outcome, String detail) {
    return ImmutableHookRun.of(outcome, detail);
  }
}
