package io.gtfc.ports;

import org.immutables.value.Value;

/** How two revisions relate: commits reachable from one and not the other. */
@Value.Immutable
public abstract class Divergence {
  /** Commits in ours that theirs lacks. */
  @Value.Parameter
  public abstract int ahead();

  /** Commits in theirs that ours lacks. */
  @Value.Parameter
  public abstract int behind();

  public static Divergence of(int ahead, int behind) {
    return ImmutableDivergence.of(ahead, behind);
  }

  public boolean inSync() {
    return ahead() == 0 && behind() == 0;
  }
}
