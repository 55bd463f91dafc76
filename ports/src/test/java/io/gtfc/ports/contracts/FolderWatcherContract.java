package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.FolderWatcher.Watch;
import io.gtfc.ports.GtfcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link FolderWatcher} does, whatever the operating system tells it: each adapter's
 * test extends this class. Only what all of them can promise is checked here; a rename, for one,
 * may show as a move pair or as a deletion plus a creation.
 */
@SuppressWarnings("try") // a watch opened in try-with-resources runs unreferenced until closed
public abstract class FolderWatcherContract {
  /** How long a change may take to be reported; waits end as soon as it is. */
  protected static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir protected Path folder;

  /** A new watcher under test. */
  protected abstract FolderWatcher watcher();

  /** How long to wait before concluding that nothing more is coming. */
  protected Duration quietPeriod() {
    return Duration.ofMillis(300);
  }

  @Test
  void createdFileIsReported() throws Exception {
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.writeString(folder.resolve("notes.txt"), "hello");

      recorder.awaitChange("notes.txt", Kind.CREATED);
      assertThat(recorder.changesTo("notes.txt")).allMatch(change -> !change.directory());
    }
  }

  @Test
  void existingContentIsNotReported() throws Exception {
    Files.createDirectories(folder.resolve("old/dir"));
    Files.writeString(folder.resolve("old/dir/file.txt"), "old");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.writeString(folder.resolve("new.txt"), "new");

      recorder.awaitChange("new.txt", Kind.CREATED);
      assertThat(recorder.paths()).containsOnly("new.txt");
    }
  }

  @Test
  void rewrittenFileIsReportedAsWritten() throws Exception {
    Path file = Files.writeString(folder.resolve("notes.txt"), "first");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.writeString(file, "second, and longer");

      recorder.awaitChange("notes.txt", Kind.WRITTEN);
    }
  }

  @Test
  void deletedFileIsReported() throws Exception {
    Path file = Files.writeString(folder.resolve("notes.txt"), "doomed");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.delete(file);

      recorder.awaitChange("notes.txt", Kind.DELETED);
    }
  }

  @Test
  void deletedDirectoryIsReported() throws Exception {
    Files.createDirectories(folder.resolve("gone/deeper"));
    Files.writeString(folder.resolve("gone/deeper/file.txt"), "doomed");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.delete(folder.resolve("gone/deeper/file.txt"));
      Files.delete(folder.resolve("gone/deeper"));
      Files.delete(folder.resolve("gone"));

      recorder.awaitChange("gone", Kind.DELETED);
      assertThat(recorder.changesTo("gone")).allMatch(FolderChange::directory);
    }
  }

  @Test
  void renamedFileIsReportedAtBothPaths() throws Exception {
    Files.writeString(folder.resolve("before.txt"), "content");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.move(folder.resolve("before.txt"), folder.resolve("after.txt"));

      recorder.awaitChange("before.txt", Kind.MOVED_AWAY, Kind.DELETED);
      recorder.awaitChange("after.txt", Kind.MOVED_HERE, Kind.CREATED);
    }
  }

  @Test
  void filesInNewDirectoriesAreReported() throws Exception {
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Path deep = Files.createDirectories(folder.resolve("a/b/c"));
      Files.writeString(deep.resolve("one.txt"), "1");
      Files.writeString(deep.resolve("two.txt"), "2");
      Files.writeString(folder.resolve("a/b/three.txt"), "3");

      recorder.awaitPaths(
          Set.of("a", "a/b", "a/b/c", "a/b/c/one.txt", "a/b/c/two.txt", "a/b/three.txt"));
      assertThat(recorder.changesTo("a/b/c")).allMatch(FolderChange::directory);
    }
  }

  @Test
  void changesInANewDirectoryKeepBeingReported() throws Exception {
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.createDirectories(folder.resolve("fresh"));
      recorder.awaitChange("fresh", Kind.CREATED);

      Files.writeString(folder.resolve("fresh/later.txt"), "later");

      recorder.awaitChange("fresh/later.txt", Kind.CREATED, Kind.WRITTEN);
    }
  }

  @Test
  void ignoredPathsAndTheGitFileAreNeverReported() throws Exception {
    Predicate<RelativePath> tmpFiles = path -> path.fileName().endsWith(".tmp");
    try (Recorder recorder = new Recorder();
        Watch watch = watcher().watch(folder, tmpFiles, recorder)) {
      Files.writeString(folder.resolve(".git"), "gitdir: ../.git.node\n");
      Files.writeString(folder.resolve("draft.tmp"), "scratch");
      Files.createDirectories(folder.resolve("sub"));
      Files.writeString(folder.resolve("sub/draft.tmp"), "scratch");
      Files.writeString(folder.resolve("kept.txt"), "kept");

      recorder.awaitPaths(Set.of("sub", "kept.txt"));
      assertThat(recorder.paths()).containsOnly("sub", "kept.txt");
    }
  }

  @Test
  void closedWatchReportsNothingMore() throws Exception {
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.writeString(folder.resolve("before.txt"), "seen");
      recorder.awaitChange("before.txt", Kind.CREATED);

      watch.close();
      int seen = recorder.changes().size();
      Files.writeString(folder.resolve("after.txt"), "unseen");
      Files.writeString(folder.resolve("before.txt"), "unseen, and longer");

      recorder.awaitQuiet(quietPeriod());
      assertThat(recorder.changes()).hasSize(seen);
    }
  }

  @Test
  void aWatchReportsNoLossOrFailureWhenAllIsWell() throws Exception {
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.writeString(folder.resolve("one.txt"), "1");
      recorder.awaitChange("one.txt", Kind.CREATED);

      assertThat(recorder.losses()).isZero();
      assertThat(recorder.failures()).isEmpty();
      assertThat(recorder.emptyBatches()).isZero();
      assertThat(recorder.threads()).hasSize(1).doesNotContain(Thread.currentThread());
    }
  }

  /** Watches {@link #folder}, ignoring nothing. */
  protected Watch watch(Recorder recorder) {
    return watcher().watch(folder, path -> false, recorder);
  }

  /** A listener that keeps everything it hears and lets a test wait for it. */
  public static final class Recorder implements FolderWatcher.Listener, AutoCloseable {
    private final List<FolderChange> changes = new ArrayList<>();
    private final List<GtfcException> failures = new ArrayList<>();
    private final Set<Thread> threads = new HashSet<>();
    private int losses;
    private int emptyBatches;

    @Override
    public synchronized void changed(List<FolderChange> batch) {
      if (batch.isEmpty()) {
        emptyBatches++;
      }
      changes.addAll(batch);
      threads.add(Thread.currentThread());
      notifyAll();
    }

    @Override
    public synchronized void lost() {
      losses++;
      threads.add(Thread.currentThread());
      notifyAll();
    }

    @Override
    public synchronized void failed(GtfcException cause) {
      failures.add(cause);
      threads.add(Thread.currentThread());
      notifyAll();
    }

    public synchronized List<FolderChange> changes() {
      return List.copyOf(changes);
    }

    public synchronized List<FolderChange> changesTo(String path) {
      return changes.stream()
          .filter(change -> change.path().value().equals(path))
          .collect(Collectors.toList());
    }

    /** Every path reported so far, whatever happened to it. */
    public synchronized Set<String> paths() {
      return changes.stream().map(change -> change.path().value()).collect(Collectors.toSet());
    }

    /** How often {@link #changed} was called with nothing, which the contract forbids. */
    public synchronized int emptyBatches() {
      return emptyBatches;
    }

    public synchronized int losses() {
      return losses;
    }

    public synchronized List<GtfcException> failures() {
      return List.copyOf(failures);
    }

    /** The threads that called this listener. */
    public synchronized Set<Thread> threads() {
      return Set.copyOf(threads);
    }

    /** Waits until {@code path} was reported as one of {@code kinds}. */
    public synchronized FolderChange awaitChange(String path, Kind... kinds)
        throws InterruptedException {
      Set<Kind> wanted = EnumSet.of(kinds[0], kinds);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (true) {
        for (FolderChange change : changes) {
          if (change.path().value().equals(path) && wanted.contains(change.kind())) {
            return change;
          }
        }
        waitUntil(deadline, () -> path + " reported as one of " + wanted + "; heard " + changes);
      }
    }

    /** Waits until each of {@code paths} was reported, whatever happened to it. */
    public synchronized void awaitPaths(Collection<String> paths) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!paths().containsAll(paths)) {
        waitUntil(
            deadline,
            () -> {
              Set<String> missing = new TreeSet<>(paths);
              missing.removeAll(paths());
              return "every path reported; "
                  + missing.size()
                  + " missing, e.g. "
                  + missing.stream().limit(10).collect(Collectors.toList());
            });
      }
    }

    /** Waits until nothing was heard for {@code period}, or at most {@link #PATIENCE}. */
    public synchronized void awaitQuiet(Duration period) throws InterruptedException {
      long giveUp = System.nanoTime() + PATIENCE.toNanos();
      long quietSince = System.nanoTime();
      int heard = heard();
      while (System.nanoTime() < giveUp) {
        long left = quietSince + period.toNanos() - System.nanoTime();
        if (left <= 0) {
          return;
        }
        wait(Math.max(1, left / 1_000_000));
        if (heard() != heard) {
          heard = heard();
          quietSince = System.nanoTime();
        }
      }
    }

    private int heard() {
      return changes.size() + losses + failures.size();
    }

    private void waitUntil(long deadline, Supplier<String> expectation)
        throws InterruptedException {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("waited " + PATIENCE + " for " + expectation.get());
      }
      wait(Math.max(1, left / 1_000_000));
    }

    /** Nothing to release; lets a test open it in the same try as its watch. */
    @Override
    public void close() {}
  }
}
