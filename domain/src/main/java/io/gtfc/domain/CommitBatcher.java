package io.gtfc.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a run of edits becomes a commit. A batch is committed once every file written in it has
 * been closed and the folder has been quiet for a short window, so a half-written file is not
 * committed; it is never held longer than a cap under a continuous stream of writes, and one
 * commit never holds more than a cap of paths. Time is given, never read: a simulation or a
 * test drives it with any clock. Not thread-safe: one watch thread owns it.
 */
public final class CommitBatcher {
  /**
   * The three knobs of the policy. The default quiet window is short because it is added to every
   * change's trip to the peers: a closed write is already complete, and an editor's
   * write-then-rename arrives within microseconds; a longer burst still becomes few commits, since
   * reports that arrive while a commit runs are taken together.
   */
  public record Settings(Duration quiet, Duration maxDelay, int maxPaths) {
    public static final Settings DEFAULT = new Settings(Duration.ofMillis(10), Duration.ofSeconds(2), 10_000);

    public Settings {
      if (quiet.isNegative() || maxDelay.compareTo(quiet) < 0 || maxPaths < 1) {
        throw new IllegalArgumentException("batching needs 0 <= quiet <= maxDelay and maxPaths >= 1");
      }
    }
  }

  /** What to do now: commit these paths (possibly none), and when to ask again (empty: when a change comes). */
  public record Decision(List<RelativePath> commit, boolean everything, Optional<Instant> askAgainAt) {}

  private final Settings settings;
  private final Set<RelativePath> pending = new TreeSet<>();
  private final Set<RelativePath> open = new HashSet<>();
  private boolean everything;
  private Instant first;
  private Instant last;

  public CommitBatcher(Settings settings) {
    this.settings = settings;
  }

  /** A path changed at {@code at}; {@code stillWriting} when the writer has not closed it yet. */
  public void changed(RelativePath path, boolean stillWriting, Instant at) {
    pending.add(path);
    if (stillWriting) {
      open.add(path);
    } else {
      open.remove(path);
    }
    touch(at);
  }

  /** Events were lost: the whole folder must be looked at in the next commit. */
  public void everythingChanged(Instant at) {
    everything = true;
    open.clear();
    touch(at);
  }

  public boolean idle() {
    return first == null;
  }

  public Decision decide(Instant now) {
    if (first == null) {
      return new Decision(List.of(), false, Optional.empty());
    }
    Instant quietEnds = last.plus(settings.quiet());
    Instant deadline = first.plus(settings.maxDelay());
    boolean settled = open.isEmpty() && !now.isBefore(quietEnds);
    boolean overdue = !now.isBefore(deadline);
    boolean full = pending.size() >= settings.maxPaths();
    if (!settled && !overdue && !full) {
      Instant next = open.isEmpty() && quietEnds.isBefore(deadline) ? quietEnds : deadline;
      return new Decision(List.of(), false, Optional.of(next));
    }
    List<RelativePath> batch = new ArrayList<>(settings.maxPaths());
    for (RelativePath p : pending) {
      if (batch.size() == settings.maxPaths()) {
        break;
      }
      batch.add(p);
    }
    batch.forEach(pending::remove);
    batch.forEach(open::remove);
    boolean all = everything;
    everything = false;
    if (pending.isEmpty()) {
      first = null;
      last = null;
      open.clear();
      return new Decision(batch, all, Optional.empty());
    }
    first = now;
    return new Decision(batch, all, Optional.of(now));
  }

  private void touch(Instant at) {
    if (first == null) {
      first = at;
    }
    last = at;
  }
}
