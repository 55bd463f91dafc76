package io.gtfc.watch.inotify;

import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_CLOSE_WRITE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_CREATE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_DELETE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_DELETE_SELF;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_IGNORED;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_ISDIR;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MODIFY;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVED_FROM;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVED_TO;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVE_SELF;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_Q_OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.contracts.FolderWatcherContract.Recorder;
import io.gtfc.watch.inotify.internal.EventBuffer;
import io.gtfc.watch.inotify.internal.InotifyEvent;
import io.gtfc.watch.inotify.internal.NativeError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded event buffers through the translator, over a real folder and pretend watches. */
class EventTranslatorTest {
  @TempDir Path folder;

  private final PretendWatches watches = new PretendWatches();
  private final Recorder recorder = new Recorder();
  private EventTranslator translator;
  private int root;

  @BeforeEach
  void watchTheFolder() throws Exception {
    Files.createDirectories(folder.resolve("docs"));
    translator =
        new EventTranslator(
            folder,
            path -> path.value().endsWith(".tmp"),
            watches,
            recorder,
            new InotifyLimits(folder.resolve("no-such-settings")));
    translator.watchFolder();
    root = watches.wdOf(folder);
  }

  @Test
  void anOverflowDeliversWhatCameBeforeAndReportsTheLoss() {
    translator.dispatch(
        new EventBuffer().add(root, IN_CREATE, 0, "a.txt").add(-1, IN_Q_OVERFLOW, 0, "").parsed());

    assertThat(recorder.changes()).containsExactly(change("a.txt", Kind.CREATED, false));
    assertThat(recorder.losses()).isEqualTo(1);
  }

  @Test
  void anOverflowWatchesDirectoriesCreatedMeanwhile() throws Exception {
    Files.createDirectories(folder.resolve("unseen/deeper"));

    translator.dispatch(new EventBuffer().add(-1, IN_Q_OVERFLOW, 0, "").parsed());

    assertThat(watches.watched()).contains(folder.resolve("unseen/deeper"));
    assertThat(translator.watchedDirectories()).isEqualTo(4);
  }

  @Test
  void eventsTranslateToTheirKinds() {
    translator.dispatch(
        new EventBuffer()
            .add(root, IN_CREATE, 0, "a.txt")
            .add(root, IN_MODIFY, 0, "a.txt")
            .add(root, IN_MODIFY, 0, "a.txt")
            .add(root, IN_CLOSE_WRITE, 0, "a.txt")
            .add(root, IN_DELETE, 0, "a.txt")
            .parsed());

    assertThat(recorder.changes())
        .containsExactly(
            change("a.txt", Kind.CREATED, false),
            change("a.txt", Kind.MODIFIED, false),
            change("a.txt", Kind.WRITTEN, false),
            change("a.txt", Kind.DELETED, false));
  }

  @Test
  void aRenameWithinOneBufferIsAMovePair() throws Exception {
    int docs = watches.wdOf(folder.resolve("docs"));
    Files.move(folder.resolve("docs"), folder.resolve("papers"));
    watches.renamed(folder.resolve("docs"), folder.resolve("papers"));
    Files.createDirectories(folder.resolve("papers/inner"));

    translator.dispatch(
        new EventBuffer()
            .add(root, IN_MOVED_FROM | IN_ISDIR, 9, "docs")
            .add(root, IN_MOVED_TO | IN_ISDIR, 9, "papers")
            .add(docs, IN_MOVE_SELF, 0, "")
            .parsed());
    translator.dispatch(new EventBuffer().add(docs, IN_CREATE, 0, "new.txt").parsed());

    assertThat(recorder.changes())
        .containsExactly(
            change("docs", Kind.MOVED_AWAY, true),
            change("papers", Kind.MOVED_HERE, true),
            change("papers/inner", Kind.CREATED, true),
            change("papers/new.txt", Kind.CREATED, false));
    assertThat(watches.removed()).isEmpty();
    assertThat(translator.watchedDirectories()).isEqualTo(3);
  }

  @Test
  void anUnpairedMoveAwayDropsTheWatchesBelow() throws Exception {
    Files.createDirectories(folder.resolve("docs/deep"));
    int docs = watches.wdOf(folder.resolve("docs"));
    translator.dispatch(new EventBuffer().add(docs, IN_CREATE | IN_ISDIR, 0, "deep").parsed());
    int deep = watches.wdOf(folder.resolve("docs/deep"));

    translator.dispatch(
        new EventBuffer()
            .add(root, IN_MOVED_FROM | IN_ISDIR, 5, "docs")
            .add(deep, IN_CREATE, 0, "outside.txt")
            .parsed());

    assertThat(recorder.changes()).endsWith(change("docs", Kind.MOVED_AWAY, true));
    assertThat(watches.removed()).containsExactlyInAnyOrder(docs, deep);
    assertThat(recorder.paths()).doesNotContain("docs/deep/outside.txt");
  }

  @Test
  void anUnpairedMoveHereReportsTheContentAsCreated() throws Exception {
    Files.createDirectories(folder.resolve("arrived/sub"));
    Files.writeString(folder.resolve("arrived/sub/file.txt"), "x");
    Files.writeString(folder.resolve("arrived/skip.tmp"), "x");

    translator.dispatch(new EventBuffer().add(root, IN_MOVED_TO | IN_ISDIR, 3, "arrived").parsed());

    assertThat(recorder.changes())
        .containsExactly(
            change("arrived", Kind.MOVED_HERE, true),
            change("arrived/sub", Kind.CREATED, true),
            change("arrived/sub/file.txt", Kind.CREATED, false));
    assertThat(watches.watched()).contains(folder.resolve("arrived/sub"));
  }

  @Test
  void aDeletedDirectoryIsReportedOnceAndForgotten() throws Exception {
    int docs = watches.wdOf(folder.resolve("docs"));
    Files.delete(folder.resolve("docs"));

    translator.dispatch(
        new EventBuffer()
            .add(docs, IN_DELETE_SELF, 0, "")
            .add(docs, IN_IGNORED, 0, "")
            .add(root, IN_DELETE | IN_ISDIR, 0, "docs")
            .parsed());

    assertThat(recorder.changes()).containsExactly(change("docs", Kind.DELETED, true));
    assertThat(translator.watchedDirectories()).isEqualTo(1);
  }

  @Test
  void ignoredPathsAndTheRootGitFileAreDropped() {
    translator.dispatch(
        new EventBuffer()
            .add(root, IN_CREATE, 0, ".git")
            .add(root, IN_CREATE, 0, "draft.tmp")
            .add(root, IN_CREATE, 0, "back\\slash")
            .add(root, IN_CREATE, 0, "kept")
            .parsed());

    assertThat(recorder.changes()).containsExactly(change("kept", Kind.CREATED, false));
  }

  @Test
  void theFolderItselfVanishingStopsTheWatch() {
    List<InotifyEvent> events = new EventBuffer().add(root, IN_DELETE_SELF, 0, "").parsed();

    assertThatThrownBy(() -> translator.dispatch(events))
        .isInstanceOfSatisfying(
            GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_STATE))
        .hasMessageContaining(folder.toString());
  }

  @Test
  void runningOutOfWatchesNamesTheSysctlAndTheDirectoriesNeeded() throws Exception {
    Files.createDirectories(folder.resolve("docs/a/b"));
    watches.refuseWith(NativeError.ENOSPC);

    List<InotifyEvent> events =
        new EventBuffer()
            .add(watches.wdOf(folder.resolve("docs")), IN_CREATE | IN_ISDIR, 0, "a")
            .parsed();

    assertThatThrownBy(() -> translator.dispatch(events))
        .isInstanceOfSatisfying(
            GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.ENVIRONMENT))
        .hasMessageContaining("it has 4 directories")
        .hasMessageContaining("fs.inotify.max_user_watches");
    assertThat(recorder.changes()).contains(change("docs/a", Kind.CREATED, true));
  }

  private static FolderChange change(String path, Kind kind, boolean directory) {
    return FolderChange.of(RelativePath.of(path), kind, directory);
  }

  /** Hands out descriptors as the kernel would: the same one for a directory watched twice. */
  private static final class PretendWatches implements DirectoryWatches {
    private final Map<Path, Integer> descriptors = new HashMap<>();
    private final List<Integer> removed = new ArrayList<>();
    private int refusal;
    private int issued;

    @Override
    public int add(Path directory) throws NativeError {
      if (refusal != 0) {
        throw new NativeError("inotify_add_watch " + directory, refusal, "refused");
      }
      if (!Files.isDirectory(directory)) {
        throw new NativeError("inotify_add_watch " + directory, NativeError.ENOENT, "missing");
      }
      return descriptors.computeIfAbsent(directory, d -> ++issued);
    }

    @Override
    public void remove(int wd) {
      removed.add(wd);
    }

    int wdOf(Path directory) {
      return descriptors.get(directory);
    }

    List<Path> watched() {
      return List.copyOf(descriptors.keySet());
    }

    List<Integer> removed() {
      return removed;
    }

    /** The kernel's watches follow a directory's inode, not its name. */
    void renamed(Path from, Path to) {
      Map<Path, Integer> moved = new HashMap<>();
      descriptors
          .entrySet()
          .removeIf(
              entry -> {
                if (entry.getKey().startsWith(from)) {
                  moved.put(to.resolve(from.relativize(entry.getKey())), entry.getValue());
                  return true;
                }
                return false;
              });
      descriptors.putAll(moved);
    }

    void refuseWith(int errno) {
      refusal = errno;
    }
  }
}
