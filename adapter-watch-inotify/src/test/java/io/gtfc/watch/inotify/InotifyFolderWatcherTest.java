package io.gtfc.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.FolderWatcher.Listener;
import io.gtfc.ports.FolderWatcher.Watch;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.contracts.FolderWatcherContract;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

@SuppressWarnings("try") // a watch opened in try-with-resources runs unreferenced until closed
class InotifyFolderWatcherTest extends FolderWatcherContract {
  /** Beside the folder, on the same file system, so a move is a rename. */
  @TempDir Path outside;

  @Override
  protected FolderWatcher watcher() {
    return new InotifyFolderWatcher();
  }

  @Test
  void aFileIsWrittenOnlyOnceClosed() throws Exception {
    Path file = Files.writeString(folder.resolve("log.txt"), "start");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      try (OutputStream out = Files.newOutputStream(file)) {
        out.write("half".getBytes());
        out.flush();
        recorder.awaitChange("log.txt", Kind.MODIFIED);
        assertThat(recorder.changesTo("log.txt")).noneMatch(c -> c.kind() == Kind.WRITTEN);
        out.write(", and the rest".getBytes());
      }

      recorder.awaitChange("log.txt", Kind.WRITTEN);
    }
  }

  @Test
  void attributeChangesAreReported() throws Exception {
    Path file = Files.writeString(folder.resolve("old.txt"), "x");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.setLastModifiedTime(file, FileTime.fromMillis(0));

      recorder.awaitChange("old.txt", Kind.ATTRIBUTES);
    }
  }

  @Test
  void aRenameWithinTheFolderIsOneMovePair() throws Exception {
    Files.createDirectories(folder.resolve("from"));
    Files.writeString(folder.resolve("from/a.txt"), "a");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.createDirectories(folder.resolve("to"));
      recorder.awaitChange("to", Kind.CREATED);
      Files.move(folder.resolve("from/a.txt"), folder.resolve("to/b.txt"));

      recorder.awaitChange("to/b.txt", Kind.MOVED_HERE);
      List<FolderChange> changes = recorder.changes();
      assertThat(changes.subList(changes.size() - 2, changes.size()))
          .containsExactly(
              change("from/a.txt", Kind.MOVED_AWAY, false),
              change("to/b.txt", Kind.MOVED_HERE, false));
    }
  }

  @Test
  void aRenamedDirectoryIsWatchedUnderItsNewName() throws Exception {
    Files.createDirectories(folder.resolve("draft/inner"));
    Files.writeString(folder.resolve("draft/inner/text.txt"), "x");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.move(folder.resolve("draft"), folder.resolve("final"));
      recorder.awaitChange("final", Kind.MOVED_HERE);

      Files.writeString(folder.resolve("final/inner/more.txt"), "y");

      recorder.awaitChange("final/inner/more.txt", Kind.WRITTEN);
      assertThat(recorder.changesTo("draft"))
          .containsExactly(change("draft", Kind.MOVED_AWAY, true));
      assertThat(recorder.paths()).noneMatch(path -> path.startsWith("draft/"));
      assertThat(recorder.changesTo("final/inner/text.txt"))
          .containsExactly(change("final/inner/text.txt", Kind.CREATED, false));
    }
  }

  @Test
  void aTreeMovedInIsReportedWithItsContentAndWatched() throws Exception {
    Files.createDirectories(outside.resolve("tree/sub/deep"));
    Files.writeString(outside.resolve("tree/sub/deep/file.txt"), "deep");
    Files.writeString(outside.resolve("tree/top.txt"), "top");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.move(outside.resolve("tree"), folder.resolve("tree"));

      recorder.awaitChange("tree", Kind.MOVED_HERE);
      recorder.awaitChange("tree/sub", Kind.CREATED);
      recorder.awaitChange("tree/sub/deep", Kind.CREATED);
      recorder.awaitChange("tree/sub/deep/file.txt", Kind.CREATED);
      recorder.awaitChange("tree/top.txt", Kind.CREATED);

      Files.writeString(folder.resolve("tree/sub/deep/later.txt"), "later");
      recorder.awaitChange("tree/sub/deep/later.txt", Kind.WRITTEN);
    }
  }

  @Test
  void aTreeMovedOutIsReportedAndThenSilent() throws Exception {
    Files.createDirectories(folder.resolve("tree/sub"));
    Files.writeString(folder.resolve("tree/sub/file.txt"), "x");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.move(folder.resolve("tree"), outside.resolve("tree"));
      recorder.awaitChange("tree", Kind.MOVED_AWAY);

      Files.writeString(outside.resolve("tree/sub/file.txt"), "changed outside");
      Files.writeString(outside.resolve("tree/new.txt"), "new outside");
      Files.delete(outside.resolve("tree/sub/file.txt"));
      // the kernel queues in order: once the marker is heard, anything from outside would be too
      Files.writeString(folder.resolve("marker"), "m");
      recorder.awaitChange("marker", Kind.WRITTEN);

      assertThat(recorder.paths()).containsOnly("tree", "marker");
      assertThat(recorder.changesTo("tree")).containsExactly(change("tree", Kind.MOVED_AWAY, true));
    }
  }

  @Test
  void symbolicLinksAreReportedButNeverFollowed() throws Exception {
    Files.writeString(outside.resolve("elsewhere.txt"), "x");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.createSymbolicLink(folder.resolve("link"), outside);
      recorder.awaitChange("link", Kind.CREATED);

      Files.writeString(outside.resolve("elsewhere.txt"), "changed");
      Files.writeString(outside.resolve("new.txt"), "new");
      Files.writeString(folder.resolve("marker"), "m");
      recorder.awaitChange("marker", Kind.WRITTEN);

      assertThat(recorder.paths()).containsOnly("link", "marker");
      assertThat(recorder.changesTo("link")).allMatch(change -> !change.directory());
    }
  }

  @Test
  void fiveThousandFilesInABurstAreAllReported() throws Exception {
    Set<String> created = new HashSet<>();
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      long start = System.nanoTime();
      for (int d = 0; d < 50; d++) {
        Path directory = Files.createDirectory(folder.resolve("d" + d));
        created.add("d" + d);
        for (int f = 0; f < 100; f++) {
          Files.writeString(directory.resolve("f" + f), "x");
          created.add("d" + d + "/f" + f);
        }
      }
      long written = System.nanoTime();

      recorder.awaitPaths(created);
      long reported = System.nanoTime();

      LoggerFactory.getLogger(getClass())
          .info(
              "5,000 files in 50 new directories: written in {} ms, all reported after {} ms",
              TimeUnit.NANOSECONDS.toMillis(written - start),
              TimeUnit.NANOSECONDS.toMillis(reported - start));
      assertThat(recorder.paths()).isEqualTo(created);
      assertThat(recorder.losses()).isZero();
    }
  }

  @Test
  void aFullKernelQueueIsReportedAsLostAndWatchingGoesOn() throws Exception {
    long queueLimit = new InotifyLimits(InotifyLimits.KERNEL_SETTINGS).maxQueuedEvents().orElse(0);
    assumeThat(queueLimit)
        .as("a kernel queue small enough to fill in a test")
        .isBetween(1L, 200_000L);
    Recorder recorder = new Recorder();
    CountDownLatch release = new CountDownLatch(1);
    Listener stuck =
        new Listener() {
          @Override
          public void changed(List<FolderChange> changes) {
            recorder.changed(changes);
            try {
              release.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void lost() {
            recorder.lost();
          }

          @Override
          public void failed(GtfcException cause) {
            recorder.failed(cause);
          }
        };
    Path here = Files.createFile(folder.resolve("here"));
    Path there = folder.resolve("there");
    try (Watch watch = watcher().watch(folder, path -> false, stuck)) {
      Files.createFile(folder.resolve("first"));
      recorder.awaitChange("first", Kind.CREATED);

      // the reader is stuck in the listener; a rename queues two events with a fresh cookie, so
      // the kernel can merge none of them into the one before
      for (long i = 0; i <= queueLimit / 4 + 100; i++) {
        Files.move(here, there);
        Files.move(there, here);
      }
      release.countDown();

      await().atMost(PATIENCE).until(() -> recorder.losses() > 0);
      Files.createDirectories(folder.resolve("after/overflow"));
      Files.writeString(folder.resolve("after/overflow/file.txt"), "x");
      recorder.awaitChange("after/overflow/file.txt", Kind.CREATED, Kind.WRITTEN);
      assertThat(recorder.failures()).isEmpty();
    }
  }

  @Test
  void closingStopsTheReaderPromptlyAndReleasesTheDescriptor() throws Exception {
    long before = inotifyDescriptors();
    Recorder recorder = new Recorder();
    Watch watch = watch(recorder);
    assertThat(inotifyDescriptors()).isEqualTo(before + 1);
    Files.writeString(folder.resolve("seen.txt"), "x");
    recorder.awaitChange("seen.txt", Kind.CREATED);

    long start = System.nanoTime();
    watch.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(((InotifyWatch) watch).readerAlive()).isFalse();
    assertThat(inotifyDescriptors()).isEqualTo(before);
    watch.close();
  }

  @Test
  void aListenerMayCloseItsOwnWatch() throws Exception {
    long before = inotifyDescriptors();
    AtomicReference<Watch> watch = new AtomicReference<>();
    CountDownLatch heard = new CountDownLatch(1);
    Listener closing =
        new Listener() {
          @Override
          public void changed(List<FolderChange> changes) {
            watch.get().close();
            heard.countDown();
          }

          @Override
          public void lost() {}

          @Override
          public void failed(GtfcException cause) {}
        };
    watch.set(watcher().watch(folder, path -> false, closing));
    Files.writeString(folder.resolve("bye.txt"), "x");

    assertThat(heard.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    await().atMost(PATIENCE).until(() -> !((InotifyWatch) watch.get()).readerAlive());
    assertThat(inotifyDescriptors()).isEqualTo(before);
  }

  @Test
  void theFolderVanishingFailsTheWatch() throws Exception {
    Path root = Files.createDirectories(folder.resolve("root"));
    try (Recorder recorder = new Recorder();
        Watch watch = watcher().watch(root, path -> false, recorder)) {
      Files.delete(root);

      await().atMost(PATIENCE).until(() -> !recorder.failures().isEmpty());
      assertThat(recorder.failures().get(0).problem()).isEqualTo(Problem.BAD_STATE);
      assertThat(recorder.failures().get(0)).hasMessageContaining(root.toString());
    }
  }

  @Test
  void aMissingFolderIsBadInput() {
    GtfcException error =
        catchThrowableOfType(
            GtfcException.class,
            () -> watcher().watch(folder.resolve("missing"), path -> false, new Recorder()));

    assertThat(error.problem()).isEqualTo(Problem.BAD_INPUT);
    assertThat(error).hasMessageContaining("missing");
  }

  private static long inotifyDescriptors() throws IOException {
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      return descriptors
          .filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify");
                } catch (IOException closedMeanwhile) {
                  return false;
                }
              })
          .count();
    }
  }

  private static FolderChange change(String path, Kind kind, boolean directory) {
    return FolderChange.of(RelativePath.of(path), kind, directory);
  }
}
