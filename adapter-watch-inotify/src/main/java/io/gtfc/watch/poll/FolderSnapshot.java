package io.gtfc.watch.poll;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a folder held at the last look (path to type, size, modification time and file key), and the
 * changes found by looking again. Symbolic links are entries, never followed; a directory {@code
 * ignored} accepts is not entered. Used by one thread.
 */
final class FolderSnapshot {
  private static final Logger log = LoggerFactory.getLogger(FolderSnapshot.class);
  static final String ROOT = "";

  enum Type {
    FILE,
    DIRECTORY,
    LINK,
    OTHER
  }

  record Entry(Type type, long size, long modifiedNanos, Object fileKey) {
    boolean sameContentAs(Entry other) {
      return size == other.size
          && modifiedNanos == other.modifiedNanos
          && Objects.equals(fileKey, other.fileKey);
    }
  }

  private final Path folder;
  private final Predicate<RelativePath> ignored;

  /** Sorted, so a directory comes right before its content. */
  private final NavigableMap<String, Entry> entries = new TreeMap<>();

  private final Set<String> unsyncableNames = new HashSet<>();

  FolderSnapshot(Path folder, Predicate<RelativePath> ignored) {
    this.folder = folder;
    this.ignored = ignored;
  }

  /** Looks at the whole folder without reporting: what exists now is the start. */
  void take() {
    entries.clear();
    entries.putAll(scanTree(ROOT));
  }

  /** The directories below the root, relative to it. */
  List<String> directories() {
    List<String> directories = new ArrayList<>();
    entries.forEach(
        (path, entry) -> {
          if (entry.type() == Type.DIRECTORY) {
            directories.add(path);
          }
        });
    return directories;
  }

  /**
   * Compares the whole folder with the snapshot.
   *
   * @throws GtfcException BAD_STATE when the folder itself is gone
   */
  List<FolderChange> rescanAll() {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new GtfcException(
          Problem.BAD_STATE,
          "the folder "
              + folder
              + " was deleted, moved or unmounted, so gtfc stopped watching it: put it back and"
              + " start watching again");
    }
    return apply(new TreeMap<>(entries), scanTree(ROOT));
  }

  /**
   * Compares one directory's children with the snapshot, entering only directories that are new
   * there; a directory unknown to the snapshot, or gone, is left to its parent's rescan.
   */
  List<FolderChange> rescanDirectory(String directory) {
    if (!directory.equals(ROOT)) {
      Entry known = entries.get(directory);
      if (known == null || known.type() != Type.DIRECTORY) {
        return List.of();
      }
    }
    Map<String, Entry> listed = list(directory);
    if (listed == null) {
      return List.of();
    }
    Map<String, Entry> before = new TreeMap<>();
    Map<String, Entry> after = new TreeMap<>(listed);
    for (Map.Entry<String, Entry> child : childrenOf(directory).entrySet()) {
      before.put(child.getKey(), child.getValue());
      Entry now = listed.get(child.getKey());
      if (child.getValue().type() == Type.DIRECTORY
          && (now == null || now.type() != Type.DIRECTORY)) {
        before.putAll(subtree(child.getKey()));
      }
    }
    for (Map.Entry<String, Entry> child : listed.entrySet()) {
      Entry was = entries.get(child.getKey());
      if (child.getValue().type() == Type.DIRECTORY
          && (was == null || was.type() != Type.DIRECTORY)) {
        after.putAll(scanTree(child.getKey()));
      }
    }
    return apply(before, after);
  }

  /**
   * Replaces {@code before} with {@code after} in the snapshot and says how they differ: deletions
   * first, deepest first, then creations and writes, parents first.
   */
  private List<FolderChange> apply(Map<String, Entry> before, Map<String, Entry> after) {
    List<FolderChange> changes = new ArrayList<>();
    new TreeMap<>(before)
        .descendingMap()
        .forEach(
            (path, was) -> {
              Entry now = after.get(path);
              if (now == null || now.type() != was.type()) {
                changes.add(change(path, Kind.DELETED, was));
              }
            });
    new TreeMap<>(after)
        .forEach(
            (path, now) -> {
              Entry was = before.get(path);
              if (was == null || was.type() != now.type()) {
                changes.add(change(path, Kind.CREATED, now));
              } else if (now.type() != Type.DIRECTORY && !now.sameContentAs(was)) {
                changes.add(change(path, Kind.WRITTEN, now));
              }
            });
    entries.keySet().removeAll(before.keySet());
    entries.putAll(after);
    return changes;
  }

  private static FolderChange change(String path, Kind kind, Entry entry) {
    return FolderChange.of(RelativePath.of(path), kind, entry.type() == Type.DIRECTORY);
  }

  private Map<String, Entry> childrenOf(String directory) {
    String prefix = directory.equals(ROOT) ? "" : directory + "/";
    Map<String, Entry> children = new TreeMap<>();
    entries
        .subMap(prefix, true, prefix + Character.MAX_VALUE, false)
        .forEach(
            (path, entry) -> {
              if (path.indexOf('/', prefix.length()) < 0) {
                children.put(path, entry);
              }
            });
    return children;
  }

  private Map<String, Entry> subtree(String directory) {
    String prefix = directory + "/";
    return entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
  }

  /** Everything below {@code top}, not {@code top} itself. */
  private Map<String, Entry> scanTree(String top) {
    Map<String, Entry> found = new TreeMap<>();
    Deque<String> pending = new ArrayDeque<>();
    pending.push(top);
    while (!pending.isEmpty()) {
      Map<String, Entry> children = list(pending.pop());
      if (children == null) {
        continue;
      }
      children.forEach(
          (path, entry) -> {
            found.put(path, entry);
            if (entry.type() == Type.DIRECTORY) {
              pending.push(path);
            }
          });
    }
    return found;
  }

  /** The reported children of a directory, or null when it is gone or not a directory. */
  private Map<String, Entry> list(String directory) {
    Map<String, Entry> children = new TreeMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder.resolve(directory))) {
      for (Path child : stream) {
        String path = included(directory, child.getFileName().toString());
        if (path == null) {
          continue;
        }
        try {
          children.put(
              path,
              entry(
                  Files.readAttributes(
                      child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException gone) {
          // deleted since the listing: the next look reports it, if anything
        }
      }
    } catch (NoSuchFileException | NotDirectoryException gone) {
      return null;
    } catch (IOException e) {
      log.warn("cannot list {}: {}; changes inside it may be missed", folder.resolve(directory), e);
      return null;
    }
    return children;
  }

  private static Entry entry(BasicFileAttributes attributes) {
    Type type =
        attributes.isDirectory()
            ? Type.DIRECTORY
            : attributes.isSymbolicLink()
                ? Type.LINK
                : attributes.isRegularFile() ? Type.FILE : Type.OTHER;
    return new Entry(
        type,
        attributes.size(),
        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        attributes.fileKey());
  }

  /** The path of a child, or null when it is never reported. */
  private String included(String directory, String name) {
    if (directory.equals(ROOT) && name.equals(".git")) {
      return null;
    }
    String value = directory.equals(ROOT) ? name : directory + "/" + name;
    try {
      return ignored.test(RelativePath.of(value)) ? null : value;
    } catch (IllegalArgumentException unsyncable) {
      if (unsyncableNames.add(value)) {
        log.warn("not syncing {}: {}", folder.resolve(value), unsyncable.getMessage());
      }
      return null;
    }
  }
}
