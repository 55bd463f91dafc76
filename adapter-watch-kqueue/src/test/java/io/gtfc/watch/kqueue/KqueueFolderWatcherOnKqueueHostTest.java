package io.gtfc.watch.kqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher over the host's real kqueue: the same scenarios as the recorded-kernel test,
 * checked as "eventually reported" because a real kernel batches events as timing allows.
 * Skipped on Linux, where kqueue does not exist; see this module's README to run it.
 */
@EnabledOnOs({OS.FREEBSD, OS.MAC})
class KqueueFolderWatcherOnKqueueHostTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path folder;
  @TempDir Path outside;

  private final RecordingListener listener = new RecordingListener();
  private FolderWatcher.Watch watch;

  @AfterEach
  void stopWatching() {
    if (watch != null) {
      watch.close();
    }
  }

  @Test
  void reportsACreatedFileAndItsWrites() throws Exception {
    startWatching(path -> false);

    write("a.txt", "a");
    awaitChanges("CREATED a.txt");
    Files.writeString(folder.resolve("a.txt"), "more", StandardOpenOption.APPEND);

    awaitChanges("MODIFIED a.txt", "WRITTEN a.txt");
  }

  @Test
  void reportsADeletedFile() throws Exception {
    write("a.txt", "a");
    startWatching(path -> false);

    Files.delete(folder.resolve("a.txt"));

    awaitChanges("DELETED a.txt");
  }

  @Test
  void reportsARenameWithinADirectory() throws Exception {
    write("d/a.txt", "a");
    startWatching(path -> false);

    Files.move(folder.resolve("d/a.txt"), folder.resolve("d/b.txt"));

    awaitChanges("MOVED_AWAY d/a.txt", "MOVED_HERE d/b.txt");
  }

  @Test
  void reportsMkdirPWithFilesInside() throws Exception {
    startWatching(path -> false);

    write("a/b/c/x.txt", "x");
    write("a/b/y.txt", "y");

    awaitChanges("CREATED a/", "CREATED a/b/", "CREATED a/b/c/", "CREATED a/b/c/x.txt",
        "CREATED a/b/y.txt");
    write("a/b/c/z.txt", "z");
    awaitChanges("CREATED a/b/c/z.txt");
  }

  @Test
  void reportsADirectoryMovedOutOfTheFolder() throws Exception {
    write("d/e/f.txt", "f");
    startWatching(path -> false);

    Files.move(folder.resolve("d"), outside.resolve("d"));

    awaitChanges("MOVED_AWAY d/e/f.txt", "MOVED_AWAY d/");
  }

  @Test
  void neverReportsIgnoredPathsOrTheRootGitFile() throws Exception {
    startWatching(path -> path.startsWith(RelativePath.of("build")));

    write("build/out.o", "o");
    write(".git", "gitdir: ../.git.node");
    write("keep.txt", "k");

    awaitChanges("CREATED keep.txt");
    assertThat(listener.changes()).noneMatch(change -> change.contains("build"));
    assertThat(listener.changes()).noneMatch(change -> change.endsWith(" .git"));
  }

  @Test
  void closesPromptly() {
    startWatching(path -> false);
    long started = System.nanoTime();

    watch.close();
    watch = null;

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(listener.failures()).isEmpty();
  }

  private void startWatching(Predicate<RelativePath> ignored) {
    watch = new KqueueFolderWatcher().watch(folder, ignored, listener);
  }

  private void awaitChanges(String... expected) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!listener.changes().containsAll(List.of(expected)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(listener.changes()).contains(expected);
    assertThat(listener.failures()).isEmpty();
  }

  private void write(String relative, String content) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
