package io.gtfc.watch.kqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.kqueue.RecordedKernel.Opened;
import io.gtfc.watch.kqueue.internal.Kevent;
import io.gtfc.watch.kqueue.internal.NativeConstants;
import io.gtfc.watch.kqueue.internal.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The watcher's translation of kevents into folder changes, driven by a recorded kernel that
 * delivers what FreeBSD and macOS post for each operation, over a real file system.
 */
class KqueueFolderWatcherTest {
  private static final Predicate<RelativePath> NOTHING_IGNORED = path -> false;

  @TempDir Path folder;
  @TempDir Path outside;

  private RecordedKernel kernel = new RecordedKernel(Platform.FREEBSD);
  private NativeConstants c = Platform.FREEBSD.constants();
  private final RecordingListener listener = new RecordingListener();
  private FolderWatcher.Watch watch;

  @AfterEach
  void stopWatching() {
    if (watch != null) {
      watch.close();
    }
  }

  @Test
  void watchesEveryFileAndDirectoryWithItsOwnDescriptorButNotSymbolicLinks() throws IOException {
    write("a.txt", "a");
    write("d/b.txt", "b");
    Files.createSymbolicLink(folder.resolve("link"), folder.resolve("a.txt"));

    startWatching();

    assertThat(kernel.everOpened())
        .extracting(Opened::path)
        .containsExactly(
            null, folder, folder.resolve("a.txt"), folder.resolve("d"), folder.resolve("d/b.txt"));
    int[] watched = {
      kernel.descriptorOf(folder),
      kernel.descriptorOf(folder.resolve("a.txt")),
      kernel.descriptorOf(folder.resolve("d")),
      kernel.descriptorOf(folder.resolve("d/b.txt"))
    };
    int everyVnodeNote = 0x7f; // NOTE_DELETE through NOTE_REVOKE
    List<Kevent> registrations = kernel.registrations();
    assertThat(registrations.get(0)).isEqualTo(Kevent.of(1, (short) -11, 0x0001 | 0x0020, 0));
    for (int i = 0; i < watched.length; i++) {
      assertThat(registrations.get(i + 1))
          .isEqualTo(Kevent.of(watched[i], (short) -4, 0x0001 | 0x0020, everyVnodeNote));
    }
    assertThat(listener.changes()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void opensDescriptorsWithThePlatformsFlags(Platform platform) throws IOException {
    use(new RecordedKernel(platform));
    write("a.txt", "a");

    startWatching();

    assertThat(kernel.everOpened())
        .containsExactly(
            new Opened(null, 0),
            new Opened(folder, platform.openFlags(true)),
            new Opened(folder.resolve("a.txt"), platform.openFlags(false)));
  }

  @Test
  void reportsAFileCreatedInTheFolderAndWatchesIt() throws Exception {
    startWatching();

    write("new.txt", "fresh");
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()));

    assertThat(listener.changes()).containsExactly("CREATED new.txt");
    assertThat(kernel.isOpen(kernel.descriptorOf(folder.resolve("new.txt")))).isTrue();
  }

  @Test
  void reportsAWriteAsModifiedThenWritten() throws Exception {
    write("a.txt", "a");
    startWatching();

    Files.writeString(folder.resolve("a.txt"), "more", StandardOpenOption.APPEND);
    kernel.deliver(
        kernel.vnode(
            kernel.descriptorOf(folder.resolve("a.txt")), c.noteWrite() | c.noteExtend()));

    assertThat(listener.changes()).containsExactly("MODIFIED a.txt", "WRITTEN a.txt");
  }

  @Test
  void reportsADeletedFileAndClosesItsDescriptor() throws Exception {
    write("a.txt", "a");
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("a.txt"));

    Files.delete(folder.resolve("a.txt"));
    kernel.deliver(
        kernel.vnode(file, c.noteDelete()),
        kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()));

    assertThat(listener.changes()).containsExactly("DELETED a.txt");
    assertThat(kernel.isOpen(file)).isFalse();
  }

  @Test
  void reportsARenameWithinADirectoryAsAMoveAndKeepsTheDescriptor() throws Exception {
    write("d/a.txt", "a");
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("d/a.txt"));
    int opened = kernel.everOpened().size();

    Files.move(folder.resolve("d/a.txt"), folder.resolve("d/b.txt"));
    kernel.deliver(
        kernel.vnode(kernel.descriptorOf(folder.resolve("d")), c.noteWrite()),
        kernel.vnode(file, c.noteRename()));
    Files.writeString(folder.resolve("d/b.txt"), "b", StandardOpenOption.APPEND);
    kernel.deliver(kernel.vnode(file, c.noteWrite()));

    assertThat(listener.changes())
        .containsExactly(
            "MOVED_AWAY d/a.txt", "MOVED_HERE d/b.txt", "MODIFIED d/b.txt", "WRITTEN d/b.txt");
    assertThat(kernel.everOpened()).hasSize(opened);
  }

  @Test
  void reportsMkdirPWithFilesInsideAsCreatedParentsFirst() throws Exception {
    startWatching();

    write("a/b/c/x.txt", "x");
    write("a/b/y.txt", "y");
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder), c.noteWrite() | c.noteLink()));
    write("a/b/c/z.txt", "z");
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder.resolve("a/b/c")), c.noteWrite()));

    assertThat(listener.changes())
        .containsExactly(
            "CREATED a/",
            "CREATED a/b/",
            "CREATED a/b/c/",
            "CREATED a/b/c/x.txt",
            "CREATED a/b/y.txt",
            "CREATED a/b/c/z.txt");
    assertThat(kernel.everOpened())
        .contains(new Opened(folder.resolve("a/b/c"), Platform.FREEBSD.openFlags(true)));
  }

  @Test
  void reportsAFileMovedOutOfTheFolderAsMovedAway() throws Exception {
    write("d/a.txt", "a");
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("d/a.txt"));

    Files.move(folder.resolve("d/a.txt"), outside.resolve("a.txt"));
    kernel.deliver(
        kernel.vnode(file, c.noteRename()),
        kernel.vnode(kernel.descriptorOf(folder.resolve("d")), c.noteWrite()));

    assertThat(listener.changes()).containsExactly("MOVED_AWAY d/a.txt");
    assertThat(kernel.isOpen(file)).isFalse();
  }

  @Test
  void reportsADirectoryMovedOutWithEverythingInItAndClosesTheirDescriptors() throws Exception {
    write("d/e/f.txt", "f");
    write("d/g.txt", "g");
    startWatching();

    Files.move(folder.resolve("d"), outside.resolve("d"));
    kernel.deliver(
        kernel.vnode(kernel.descriptorOf(folder.resolve("d")), c.noteRename()),
        kernel.vnode(kernel.descriptorOf(folder), c.noteWrite() | c.noteLink()));

    assertThat(listener.changes())
        .containsExactly(
            "MOVED_AWAY d/e/f.txt", "MOVED_AWAY d/e/", "MOVED_AWAY d/g.txt", "MOVED_AWAY d/");
    assertThat(kernel.openDescriptors()).as("the kqueue and the folder").isEqualTo(2);
  }

  @Test
  void reportsADirectoryRenamedWithinTheFolderWithItsContentAndKeepsItsDescriptors()
      throws Exception {
    write("d/e/f.txt", "f");
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("d/e/f.txt"));
    int opened = kernel.everOpened().size();

    Files.move(folder.resolve("d"), folder.resolve("r"));
    kernel.deliver(
        kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()),
        kernel.vnode(kernel.descriptorOf(folder.resolve("d")), c.noteRename()));
    Files.writeString(folder.resolve("r/e/f.txt"), "g");
    kernel.deliver(kernel.vnode(file, c.noteWrite()));

    assertThat(listener.changes())
        .containsExactly(
            "MOVED_AWAY d/e/f.txt",
            "MOVED_AWAY d/e/",
            "MOVED_AWAY d/",
            "MOVED_HERE r/",
            "MOVED_HERE r/e/",
            "MOVED_HERE r/e/f.txt",
            "MODIFIED r/e/f.txt",
            "WRITTEN r/e/f.txt");
    assertThat(kernel.everOpened()).hasSize(opened);
  }

  @Test
  void reportsAMoveBetweenDirectoriesSeenInOneBatchAsAMove() throws Exception {
    write("a/x.txt", "x");
    Files.createDirectories(folder.resolve("b"));
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("a/x.txt"));

    Files.move(folder.resolve("a/x.txt"), folder.resolve("b/x.txt"));
    kernel.deliver(
        kernel.vnode(kernel.descriptorOf(folder.resolve("a")), c.noteWrite()),
        kernel.vnode(kernel.descriptorOf(folder.resolve("b")), c.noteWrite()),
        kernel.vnode(file, c.noteRename()));

    assertThat(listener.changes()).containsExactly("MOVED_AWAY a/x.txt", "MOVED_HERE b/x.txt");
    assertThat(kernel.isOpen(file)).isTrue();
  }

  @Test
  void reportsAMoveBetweenDirectoriesSplitOverTwoBatchesAsLeavingThenCreated() throws Exception {
    write("a/x.txt", "x");
    Files.createDirectories(folder.resolve("b"));
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("a/x.txt"));

    Files.move(folder.resolve("a/x.txt"), folder.resolve("b/x.txt"));
    kernel.deliver(
        kernel.vnode(file, c.noteRename()),
        kernel.vnode(kernel.descriptorOf(folder.resolve("a")), c.noteWrite()));
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder.resolve("b")), c.noteWrite()));

    assertThat(listener.changes()).containsExactly("MOVED_AWAY a/x.txt", "CREATED b/x.txt");
  }

  @Test
  void reportsAnAtomicSaveAsTheNameReplaced() throws Exception {
    write("doc.txt", "old");
    startWatching();
    int old = kernel.descriptorOf(folder.resolve("doc.txt"));

    write(".doc.txt.tmp", "new");
    Files.move(
        folder.resolve(".doc.txt.tmp"),
        folder.resolve("doc.txt"),
        StandardCopyOption.REPLACE_EXISTING);
    kernel.deliver(
        kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()),
        kernel.vnode(old, c.noteDelete()));

    assertThat(listener.changes()).containsExactly("DELETED doc.txt", "CREATED doc.txt");
    assertThat(kernel.isOpen(kernel.descriptorOf(folder.resolve("doc.txt")))).isTrue();
  }

  @Test
  void reportsAnAtomicSaveWhoseTemporaryFileWasSeenAsAMoveOverTheName() throws Exception {
    write("doc.txt", "old");
    startWatching();
    int root = kernel.descriptorOf(folder);
    int old = kernel.descriptorOf(folder.resolve("doc.txt"));

    write(".doc.txt.tmp", "new");
    kernel.deliver(kernel.vnode(root, c.noteWrite()));
    int temporary = kernel.descriptorOf(folder.resolve(".doc.txt.tmp"));
    Files.move(
        folder.resolve(".doc.txt.tmp"),
        folder.resolve("doc.txt"),
        StandardCopyOption.REPLACE_EXISTING);
    kernel.deliver(
        kernel.vnode(root, c.noteWrite()),
        kernel.vnode(old, c.noteDelete()),
        kernel.vnode(temporary, c.noteRename()));

    assertThat(listener.changes())
        .containsExactly(
            "CREATED .doc.txt.tmp",
            "MOVED_AWAY .doc.txt.tmp",
            "DELETED doc.txt",
            "MOVED_HERE doc.txt");
    assertThat(kernel.isOpen(old)).isFalse();
    assertThat(kernel.isOpen(temporary)).isTrue();
  }

  @Test
  void neverReportsNorWatchesIgnoredPathsOrTheGitFileAtTheRoot() throws Exception {
    write(".git", "gitdir: ../.git.node");
    write("build/out.o", "o");
    Predicate<RelativePath> ignored =
        path -> path.startsWith(RelativePath.of("build")) || path.fileName().endsWith(".tmp");
    startWatching(ignored);

    write("build/new.o", "o");
    write("x.tmp", "t");
    write(".git", "gitdir: ../.git.other");
    write("sub/.git", "only the root's .git is the link to the repository");
    write("keep.txt", "k");
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()));

    assertThat(listener.changes())
        .containsExactly("CREATED keep.txt", "CREATED sub/", "CREATED sub/.git");
    assertThat(kernel.everOpened())
        .extracting(Opened::path)
        .doesNotContain(
            folder.resolve(".git"),
            folder.resolve("build"),
            folder.resolve("build/out.o"),
            folder.resolve("build/new.o"),
            folder.resolve("x.tmp"));
  }

  @Test
  void neverMistakesAnEventOfAClosedDescriptorForTheFileThatReusesItsNumber() throws Exception {
    write("a.txt", "a");
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("a.txt"));

    Files.delete(folder.resolve("a.txt"));
    write("b.txt", "b");
    kernel.deliver(
        kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()),
        kernel.vnode(file, c.noteWrite() | c.noteDelete()));

    assertThat(listener.changes()).containsExactly("DELETED a.txt", "CREATED b.txt");
    assertThat(kernel.descriptorOf(folder.resolve("b.txt"))).isEqualTo(file);
  }

  @Test
  void reportsAFileDeletedAndCreatedAgainUnderItsNameAndWatchesTheNewOne() throws Exception {
    write("a.txt", "a");
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("a.txt"));
    int opened = kernel.everOpened().size();

    // The new file may well get the deleted one's inode number; its NOTE_DELETE tells them apart.
    Files.delete(folder.resolve("a.txt"));
    write("a.txt", "again");
    kernel.deliver(
        kernel.vnode(file, c.noteDelete()),
        kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()));

    assertThat(listener.changes()).containsExactly("DELETED a.txt", "CREATED a.txt");
    assertThat(kernel.everOpened()).hasSize(opened + 1);
  }

  @Test
  void reportsAttributeChangesAndATruncationSeenOnlyAsAttributes() throws Exception {
    write("a.txt", "hello");
    Files.createDirectories(folder.resolve("d"));
    startWatching();
    int file = kernel.descriptorOf(folder.resolve("a.txt"));

    Files.setPosixFilePermissions(
        folder.resolve("a.txt"), PosixFilePermissions.fromString("rw-------"));
    kernel.deliver(kernel.vnode(file, c.noteAttrib()));
    Files.write(folder.resolve("a.txt"), new byte[0]);
    kernel.deliver(kernel.vnode(file, c.noteAttrib()));
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder.resolve("d")), c.noteAttrib()));

    assertThat(listener.changes())
        .containsExactly(
            "ATTRIBUTES a.txt",
            "ATTRIBUTES a.txt",
            "MODIFIED a.txt",
            "WRITTEN a.txt",
            "ATTRIBUTES d/");
  }

  @Test
  void stopsWithAFailureWhenTheFolderItselfGoesAway() throws Exception {
    startWatching();

    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder), c.noteRename()));

    assertThat(listener.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.problem()).isEqualTo(Problem.BAD_STATE);
              assertThat(failure.getMessage()).contains(folder.toString());
            });
    assertThat(kernel.openDescriptors()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void refusesToStartWithTheLimitToRaiseWhenDescriptorsRunOut(Platform platform)
      throws IOException {
    for (String name : List.of("a", "b", "c", "d", "e/f")) {
      write(name + ".txt", name);
    }
    // the kqueue, the folder, directory e and five files: 8 descriptors
    use(RecordedKernel.withDescriptorLimit(platform, 4, platform.constants().emfile()));

    assertThatThrownBy(this::startWatching)
        .isInstanceOfSatisfying(
            GtfcException.class,
            failure -> {
              assertThat(failure.problem()).isEqualTo(Problem.ENVIRONMENT);
              assertThat(failure.getMessage())
                  .contains(folder.toString(), platform.displayName(), "EMFILE")
                  .contains("8 for this folder")
                  .contains("`ulimit -n`", "kern.maxfilesperproc", "kern.maxfiles")
                  .doesNotContain("\n");
              assertThat(failure.getMessage().contains("launchctl limit maxfiles"))
                  .isEqualTo(platform == Platform.MACOS);
            });
    assertThat(kernel.openDescriptors()).isZero();
  }

  @Test
  void namesTheSystemWideLimitWhenTheFileTableIsFull() throws IOException {
    write("a.txt", "a");
    use(RecordedKernel.withDescriptorLimit(Platform.FREEBSD, 2, c.enfile()));

    assertThatThrownBy(this::startWatching)
        .isInstanceOf(GtfcException.class)
        .hasMessageContaining("ENFILE")
        .hasMessageContaining("raise the sysctl kern.maxfiles")
        .hasMessageContaining("3 for this folder");
    assertThat(kernel.openDescriptors()).isZero();
  }

  @Test
  void stopsTheWatchWithTheLimitToRaiseWhenNewFilesExhaustDescriptors() throws Exception {
    use(RecordedKernel.withDescriptorLimit(Platform.FREEBSD, 4, c.emfile()));
    startWatching();

    for (String name : List.of("a", "b", "c", "d")) {
      write(name + ".txt", name);
    }
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()));

    assertThat(listener.changes()).startsWith("CREATED a.txt", "CREATED b.txt");
    assertThat(listener.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.problem()).isEqualTo(Problem.ENVIRONMENT);
              assertThat(failure.getMessage()).contains("6 for this folder", "`ulimit -n`");
            });
    assertThat(kernel.openDescriptors()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Platform.class)
  void closingWakesTheReaderAtOnceAndReleasesEveryDescriptor(Platform platform)
      throws IOException {
    use(new RecordedKernel(platform));
    write("a.txt", "a");
    write("d/b.txt", "b");
    startWatching();

    long started = System.nanoTime();
    watch.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(kernel.openDescriptors()).isZero();
    assertThat(kernel.kqueueClosed()).isTrue();
    NativeConstants constants = platform.constants();
    assertThat(kernel.registrations())
        .contains(
            Kevent.of(1, constants.evfiltUser(), constants.evAdd() | constants.evClear(), 0),
            Kevent.of(1, constants.evfiltUser(), 0, constants.noteTrigger()));
    assertThat(listener.changes()).isEmpty();
    assertThat(listener.failures()).isEmpty();
    assertThat(listener.timesLost()).isZero();
  }

  @Test
  void aListenerMayCloseItsOwnWatch() throws Exception {
    AtomicReference<FolderWatcher.Watch> own = new AtomicReference<>();
    RecordingListener closing =
        new RecordingListener() {
          @Override
          public synchronized void changed(List<FolderChange> changes) {
            super.changed(changes);
            own.get().close();
          }
        };
    own.set(new KqueueFolderWatcher(kernel).watch(folder, NOTHING_IGNORED, closing));
    watch = own.get();

    write("a.txt", "a");
    kernel.deliver(kernel.vnode(kernel.descriptorOf(folder), c.noteWrite()));

    assertThat(closing.changes()).containsExactly("CREATED a.txt");
    assertThat(kernel.kqueueClosed()).isTrue();
    assertThat(kernel.openDescriptors()).isZero();
  }

  @Test
  void refusesAFolderThatIsNotADirectory() throws IOException {
    write("file.txt", "not a folder");

    assertThatThrownBy(
            () ->
                new KqueueFolderWatcher(kernel)
                    .watch(folder.resolve("file.txt"), NOTHING_IGNORED, listener))
        .isInstanceOfSatisfying(
            GtfcException.class,
            failure -> assertThat(failure.problem()).isEqualTo(Problem.BAD_STATE));
    assertThat(kernel.openDescriptors()).isZero();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void refusesToWatchWhereThereIsNoKqueue() {
    assertThatThrownBy(() -> new KqueueFolderWatcher().watch(folder, NOTHING_IGNORED, listener))
        .isInstanceOfSatisfying(
            GtfcException.class,
            failure -> {
              assertThat(failure.problem()).isEqualTo(Problem.ENVIRONMENT);
              assertThat(failure.getMessage()).contains("FreeBSD and macOS", "inotify");
            });
  }

  private void use(RecordedKernel recorded) {
    kernel = recorded;
    c = recorded.platform().constants();
  }

  private void startWatching() {
    startWatching(NOTHING_IGNORED);
  }

  private void startWatching(Predicate<RelativePath> ignored) {
    watch = new KqueueFolderWatcher(kernel).watch(folder, ignored, listener);
  }

  private void write(String relative, String content) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
