package io.gtfc.ports;

import io.gtfc.domain.MergePlan;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What integrating one sender's inbox into the working branch did. */
@Value.Immutable
public abstract class Integration {
  /** The possible outcomes; none of them loses an edit. */
  public enum Outcome {
    /** The inbox head was already part of the branch (or the inbox is empty): nothing changed. */
    UP_TO_DATE,
    /** The branch moved forward to the inbox head and the working tree followed. */
    FAST_FORWARD,
    /** A merge commit joined both histories and the working tree followed. */
    MERGED,
    /**
     * A file the merge would write changed in the working tree meanwhile; nothing changed, and
     * the caller commits the edit and integrates again.
     */
    DEFERRED,
    /**
     * The result would have changed the member list without an admin's valid signature (see
     * {@link IntegrationGuard}): nothing changed, the inbox keeps what was sent, and
     * {@link #refusal()} says why.
     */
    REFUSED,
    /**
     * This node's folder looks wrong to the deletion guard (missing, unmounted, emptied, or most
     * of it deleted at once): its pending edits were not committed and nothing was applied; the
     * inbox keeps what was sent, and {@link #refusal()} says why.
     */
    HELD
  }

  public abstract NodeId sender();

  public abstract Outcome outcome();

  /** The branch head afterwards; empty only while the folder has no commit at all. */
  public abstract Optional<Revision> head();

  /** The paths whose content in the working tree changed. */
  public abstract List<RelativePath> changedPaths();

  /** Conflicts this merge resolved by keeping both versions (the loser beside the winner). */
  public abstract List<MergePlan.Conflict> conflicts();

  /** Why the integration was refused or held, one line; present exactly when the outcome is REFUSED or HELD. */
  public abstract Optional<String> refusal();

  /** Whether the branch and the working tree moved (a fast-forward or a merge). */
  public boolean moved() {
    return outcome() == Outcome.FAST_FORWARD || outcome() == Outcome.MERGED;
  }

  public static ImmutableIntegration.Builder builder() {
    return ImmutableIntegration.builder();
  }
}
