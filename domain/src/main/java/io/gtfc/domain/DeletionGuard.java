package io.gtfc.domain;

import java.time.Duration;
import java.time.Instant;
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

  /**
   * Deletions committed one batch after another add up. A watcher reports a large 'rm -rf' in
   * several batches, each of which alone may stay under the limit; while batches with deletions
   * follow each other within {@link #SPAN}, a new one is judged with the earlier ones added to it,
   * against the number of files tracked before the first. And a batch that deletes
   * {@value #MIN_MASS_DELETE} files or more is worth holding back a moment ({@link #SETTLE}), so
   * that the rest of such a deletion joins it before anything is committed. Time is given, never
   * read; not thread-safe: the folder's thread owns it.
   */
  public static final class Recent {
    /** How long after the last committed deletion later ones still count with it. */
    public static final Duration SPAN = Duration.ofSeconds(10);

    /** How long a batch of many deletions waits for more of them. */
    public static final Duration SETTLE = Duration.ofSeconds(1);

    private int deleted;
    private int trackedBefore;
    private Instant last;

    /** The observation to judge a batch by: its own, with the recent deletions added. */
    public Observation judge(Observation batch, Instant now) {
      if (!counting(now) || batch.deleted() == 0) {
        return batch;
      }
      return new Observation(batch.rootPresent(), batch.sameDevice(), batch.rootEmpty(),
          Math.max(trackedBefore, batch.tracked()), deleted + batch.deleted());
    }

    /** A batch was committed at {@code now}, as {@code batch} observed it. */
    public void committed(Observation batch, Instant now) {
      if (batch.deleted() == 0) {
        return;
      }
      if (!counting(now)) {
        deleted = 0;
        trackedBefore = batch.tracked();
      }
      deleted += batch.deleted();
      last = now;
    }

    /** Whether a batch deleting this many files should wait {@link #SETTLE} for more of them first. */
    public static boolean worthWaitingFor(int deletedInBatch) {
      return deletedInBatch >= MIN_MASS_DELETE;
    }

    private boolean counting(Instant now) {
      return last != null && Duration.between(last, now).compareTo(SPAN) <= 0;
    }
  }
}
