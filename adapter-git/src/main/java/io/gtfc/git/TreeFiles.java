package io.gtfc.git;

import io.gtfc.domain.RelativePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/** The files of git trees, read as plain values: what a tree holds and what two trees differ in. */
final class TreeFiles {
  private TreeFiles() {}

  /** One file as a tree records it: its content id and its mode (regular, executable, symlink, gitlink). */
  record FileEntry(ObjectId id, FileMode mode) {
    FileEntry {
      id = id.copy();
    }

    boolean executable() {
      return FileMode.EXECUTABLE_FILE.equals(mode);
    }
  }

  /** One path whose file differs between two trees; {@code before} or {@code after} is null when absent there. */
  record Change(String path, FileEntry before, FileEntry after) {}

  /** Every file of {@code tree} by git path; empty for null (no commit yet, no merge base). */
  static Map<String, FileEntry> read(ObjectReader reader, AnyObjectId tree) throws IOException {
    Map<String, FileEntry> files = new TreeMap<>();
    if (tree == null) {
      return files;
    }
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      walk.addTree(tree);
      while (walk.next()) {
        files.put(walk.getPathString(), new FileEntry(walk.getObjectId(0), walk.getFileMode(0)));
      }
    }
    return files;
  }

  /** The paths whose file differs between {@code before} (null: empty) and {@code after}, in tree order. */
  static List<Change> changes(ObjectReader reader, AnyObjectId before, AnyObjectId after)
      throws IOException {
    List<Change> changes = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      if (before == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        walk.addTree(before);
      }
      walk.addTree(after);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        changes.add(new Change(walk.getPathString(), entry(walk, 0), entry(walk, 1)));
      }
    }
    return changes;
  }

  /**
   * The files under {@code directory} in {@code tree} with their content, by path; empty when
   * there are none. Walks only that directory. Symbolic links and submodules are left out: the
   * directories read this way hold plain files.
   */
  static SortedMap<RelativePath, byte[]> readUnder(ObjectReader reader, AnyObjectId tree, RelativePath directory)
      throws IOException {
    SortedMap<RelativePath, byte[]> files = new TreeMap<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      walk.addTree(tree);
      walk.setFilter(PathFilter.create(directory.value()));
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        if (mode.getObjectType() == Constants.OBJ_BLOB && !FileMode.SYMLINK.equals(mode)) {
          files.put(RelativePath.of(walk.getPathString()), reader.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes());
        }
      }
    }
    return files;
  }

  /** How many files {@code tree} holds. */
  static int count(ObjectReader reader, AnyObjectId tree) throws IOException {
    int count = 0;
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.setRecursive(true);
      walk.addTree(tree);
      while (walk.next()) {
        count++;
      }
    }
    return count;
  }

  /** The file at {@code path} in {@code tree}; null when there is none (or a directory). */
  static FileEntry entryAt(ObjectReader reader, AnyObjectId tree, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      return walk == null ? null : entry(walk, 0);
    }
  }

  private static FileEntry entry(TreeWalk walk, int tree) {
    FileMode mode = walk.getFileMode(tree);
    return FileMode.MISSING.equals(mode) || FileMode.TREE.equals(mode)
        ? null : new FileEntry(walk.getObjectId(tree), mode);
  }
}
