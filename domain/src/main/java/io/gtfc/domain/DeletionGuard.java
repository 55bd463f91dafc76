package io.gtfc.domain;

import java.util.Optional;

/**
 * Refuses to commit a deletion too big to trust: a folder root that is missing, unmounted (its
 * device changed) or emptied, or one batch deleting more than half of the tracked files (and at
 * least {@value #MIN_MASS_DELETE}). Such a change is far more often an accident (an unmounted
 * disk, a wrong rm) than an intent, and once synced it would empty every node.
 */
public final class DeletionGuard {
  static final int MIN_MASS_DELETE = 50;

  private DeletionGuard() {}

  /** What the guard knows about the folder right now. */
  public record Observation(boolean rootPresent, boolean sameDevice, boolean rootEmpty, int tracked, int deleted) {}

  /** Empty when the change may be committed; otherwise why not, as one line for the user. */
  public static Optional<String> refusal(Observation o) {
    if (!o.rootPresent()) {
      return Optional.of("the folder is missing: nothing is committed or pushed until it is back");
    }
    if (!o.sameDevice()) {
      return Optional.of("the folder is on another device than before (unmounted?): nothing is committed"
          + " or pushed until it is back");
    }
    if (o.rootEmpty() && o.tracked() > 0) {
      return Optional.of("the folder is empty but its history holds " + o.tracked() + " files: nothing is"
          + " committed or pushed; if you mean it, run 'gtfc push --allow-mass-delete'");
    }
    if (o.deleted() >= MIN_MASS_DELETE && 2L * o.deleted() > o.tracked()) {
      return Optional.of(o.deleted() + " of " + o.tracked() + " files were deleted at once: nothing is committed"
          + " or pushed; if you mean it, run 'gtfc push --allow-mass-delete'");
    }
    return Optional.empty();
  }
}
