package io.gtfc.watch.inotify;

import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_ATTRIB;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_CLOSE_WRITE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_CREATE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_DELETE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_DELETE_SELF;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_EXCL_UNLINK;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_IGNORED;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_ISDIR;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MODIFY;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVED_FROM;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVED_TO;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVE_SELF;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_Q_OVERFLOW;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_UNMOUNT;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.FolderWatcher.Listener;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.inotify.internal.InotifyEvent;
import io.gtfc.watch.inotify.internal.NativeError;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the kernel's inotify events into {@link FolderChange}s and keeps exactly one watch on every
 * directory of the folder, as directories appear, move and vanish. Runs on one thread.
 *
 * <p>A directory {@code ignored} accepts is neither watched nor entered: everything below it is
 * ignored with it, as git does.
 */
final class EventTranslator {
  /** What every directory is watched for; overflow, ignored and unmount come unasked. */
  static final int EVENTS =
      IN_CREATE
          | IN_MODIFY
          | IN_CLOSE_WRITE
          | IN_ATTRIB
          | IN_DELETE
          | IN_DELETE_SELF
          | IN_MOVED_FROM
          | IN_MOVED_TO
          | IN_MOVE_SELF
          | IN_EXCL_UNLINK;

  private static final Logger log = LoggerFactory.getLogger(EventTranslator.class);
  private static final String ROOT = "";
  private static final int NO_WATCH = -1;

  private final Path folder;
  private final Predicate<RelativePath> ignored;
  private final DirectoryWatches watches;
  private final Listener listener;
  private final InotifyLimits limits;

  /** Watch descriptor to the directory it watches, relative to the folder; the root is "". */
  private final Map<Integer, String> directories = new HashMap<>();

  private final Set<String> unsyncableNames = new HashSet<>();

  EventTranslator(
      Path folder,
      Predicate<RelativePath> ignored,
      DirectoryWatches watches,
      Listener listener,
      InotifyLimits limits) {
    this.folder = folder;
    this.ignored = ignored;
    this.watches = watches;
    this.listener = listener;
    this.limits = limits;
  }

  /** Watches every directory of the folder, reporting nothing: what exists now is the start. */
  void watchFolder() {
    watchTree(ROOT, null, true);
  }

  /** Translates one read's worth of events and hands the changes to the listener. */
  void dispatch(List<InotifyEvent> events) {
    Set<Integer> renamesWithin = cookiesOfMovesWithin(events);
    Map<Integer, String> renamedDirectories = new HashMap<>();
    List<FolderChange> changes = new ArrayList<>();
    try {
      for (InotifyEvent event : events) {
        if (event.is(IN_Q_OVERFLOW)) {
          deliver(changes);
          // directories created while events were dropped are not watched yet
          rewatchFolder();
          listener.lost();
          continue;
        }
        String directory = directories.get(event.wd());
        if (directory == null) {
          continue;
        }
        if (event.is(IN_IGNORED)) {
          directories.remove(event.wd());
        } else if (event.name().isEmpty()) {
          translateSelf(event, directory, changes);
        } else {
          translateChild(event, directory, renamesWithin, renamedDirectories, changes);
        }
      }
    } finally {
      deliver(changes);
    }
  }

  int watchedDirectories() {
    return directories.size();
  }

  private void translateSelf(InotifyEvent event, String directory, List<FolderChange> changes) {
    if (directory.equals(ROOT)) {
      if (event.is(IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
        throw new GtfcException(
            Problem.BAD_STATE,
            "the folder "
                + folder
                + " was deleted, moved or unmounted, so gtfc stopped watching it: put it back"
                + " and start watching again");
      }
    } else if (event.is(IN_DELETE_SELF)) {
      // the parent reports the same deletion right after; deliver() folds the two into one
      changes.add(FolderChange.of(RelativePath.of(directory), Kind.DELETED, true));
    }
  }

  private void translateChild(
      InotifyEvent event,
      String directory,
      Set<Integer> renamesWithin,
      Map<Integer, String> renamedDirectories,
      List<FolderChange> changes) {
    RelativePath path = included(directory, event.name());
    if (path == null) {
      return;
    }
    boolean isDirectory = event.is(IN_ISDIR);
    if (event.is(IN_CREATE)) {
      changes.add(FolderChange.of(path, Kind.CREATED, isDirectory));
      if (isDirectory) {
        // files may have been created in it before its watch existed: the scan finds them
        watchTree(path.value(), changes, false);
      }
    } else if (event.is(IN_MOVED_FROM)) {
      changes.add(FolderChange.of(path, Kind.MOVED_AWAY, isDirectory));
      if (isDirectory) {
        if (renamesWithin.contains(event.cookie())) {
          renamedDirectories.put(event.cookie(), path.value());
        } else {
          unwatchTree(path.value());
        }
      }
    } else if (event.is(IN_MOVED_TO)) {
      changes.add(FolderChange.of(path, Kind.MOVED_HERE, isDirectory));
      if (isDirectory) {
        String from = renamedDirectories.remove(event.cookie());
        if (from != null) {
          renameTree(from, path.value());
        }
        watchTree(path.value(), changes, from != null);
      }
    } else if (event.is(IN_DELETE)) {
      changes.add(FolderChange.of(path, Kind.DELETED, isDirectory));
    } else if (event.is(IN_CLOSE_WRITE)) {
      changes.add(FolderChange.of(path, Kind.WRITTEN, isDirectory));
    } else if (event.is(IN_MODIFY)) {
      changes.add(FolderChange.of(path, Kind.MODIFIED, isDirectory));
    } else if (event.is(IN_ATTRIB)) {
      changes.add(FolderChange.of(path, Kind.ATTRIBUTES, isDirectory));
    }
  }

  /**
   * Cookies whose MOVED_TO lands on a watched, reported path: their MOVED_FROM is a rename within
   * the folder, anything else moved out of it (or into an ignored place).
   */
  private Set<Integer> cookiesOfMovesWithin(List<InotifyEvent> events) {
    Set<Integer> cookies = new HashSet<>();
    for (InotifyEvent event : events) {
      if (event.is(IN_MOVED_TO)) {
        String directory = directories.get(event.wd());
        if (directory != null && included(directory, event.name()) != null) {
          cookies.add(event.cookie());
        }
      }
    }
    return cookies;
  }

  /**
   * Watches {@code top} and every directory below it, watch first and list second, so nothing
   * created in between is missed; reports what the listing finds as CREATED into {@code report}
   * unless it is null. A directory already watched under the same path was scanned when its watch
   * was added and is skipped unless {@code rescanKnown}.
   */
  private void watchTree(String top, List<FolderChange> report, boolean rescanKnown) {
    Deque<String> pending = new ArrayDeque<>();
    pending.push(top);
    while (!pending.isEmpty()) {
      String directory = pending.pop();
      int wd = addWatch(directory);
      if (wd == NO_WATCH) {
        continue;
      }
      String previous = directories.put(wd, directory);
      if (directory.equals(previous) && !rescanKnown) {
        continue;
      }
      for (Child child : children(directory)) {
        if (report != null) {
          report.add(FolderChange.of(child.path(), Kind.CREATED, child.directory()));
        }
        if (child.directory()) {
          pending.push(child.path().value());
        }
      }
    }
  }

  private void rewatchFolder() {
    Set<Integer> before = new HashSet<>(directories.keySet());
    directories.clear();
    watchTree(ROOT, null, true);
    before.removeAll(directories.keySet());
    before.forEach(watches::remove);
  }

  private void unwatchTree(String top) {
    for (Iterator<Map.Entry<Integer, String>> it = directories.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Integer, String> entry = it.next();
      if (isWithin(entry.getValue(), top)) {
        watches.remove(entry.getKey());
        it.remove();
      }
    }
  }

  private void renameTree(String from, String to) {
    for (Map.Entry<Integer, String> entry : directories.entrySet()) {
      String directory = entry.getValue();
      if (isWithin(directory, from)) {
        entry.setValue(to + directory.substring(from.length()));
      }
    }
  }

  private static boolean isWithin(String directory, String top) {
    return directory.equals(top) || directory.startsWith(top + "/");
  }

  private int addWatch(String directory) {
    Path absolute = folder.resolve(directory);
    try {
      return watches.add(absolute);
    } catch (NativeError e) {
      switch (e.errno()) {
        case NativeError.ENOENT:
        case NativeError.ENOTDIR:
          return NO_WATCH; // gone again, or replaced by a file: its parent reports that
        case NativeError.EACCES:
          log.warn(
              "cannot watch {}: permission denied; changes inside it are not synced", absolute);
          return NO_WATCH;
        case NativeError.ENOSPC:
          throw new GtfcException(
              Problem.ENVIRONMENT,
              InotifyLimits.outOfWatches(folder, countDirectories(), limits.maxUserWatches()),
              e);
        default:
          throw new GtfcException(
              Problem.ENVIRONMENT, "cannot watch " + absolute + ": " + e.getMessage(), e);
      }
    }
  }

  private long countDirectories() {
    long count = 0;
    Deque<String> pending = new ArrayDeque<>();
    pending.push(ROOT);
    while (!pending.isEmpty()) {
      String directory = pending.pop();
      count++;
      for (Child child : children(directory)) {
        if (child.directory()) {
          pending.push(child.path().value());
        }
      }
    }
    return count;
  }

  private record Child(RelativePath path, boolean directory) {}

  /** The reported children of a directory; symbolic links are children, never directories. */
  private List<Child> children(String directory) {
    List<Child> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder.resolve(directory))) {
      for (Path child : stream) {
        RelativePath path = included(directory, child.getFileName().toString());
        if (path == null) {
          continue;
        }
        try {
          BasicFileAttributes attributes =
              Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          children.add(new Child(path, attributes.isDirectory()));
        } catch (NoSuchFileException gone) {
          // deleted since the listing: its deletion event follows
        }
      }
    } catch (NoSuchFileException | NotDirectoryException gone) {
      // deleted or replaced since its event: the events that follow say so
    } catch (IOException e) {
      log.warn("cannot list {}: {}; changes inside it may be missed", folder.resolve(directory), e);
    }
    return children;
  }

  /** The path of a child, or null when it is never reported. */
  private RelativePath included(String directory, String name) {
    if (directory.equals(ROOT) && name.equals(".git")) {
      return null;
    }
    String value = directory.equals(ROOT) ? name : directory + "/" + name;
    RelativePath path;
    try {
      path = RelativePath.of(value);
    } catch (IllegalArgumentException unsyncable) {
      if (unsyncableNames.add(value)) {
        log.warn("not syncing {}: {}", folder.resolve(value), unsyncable.getMessage());
      }
      return null;
    }
    return ignored.test(path) ? null : path;
  }

  private void deliver(List<FolderChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<FolderChange> distinct = new ArrayList<>(changes.size());
    for (FolderChange change : changes) {
      if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(change)) {
        distinct.add(change);
      }
    }
    changes.clear();
    listener.changed(List.copyOf(distinct));
  }
}
