package io.gtfc.git;

import io.gtfc.git.TreeFiles.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The edits of git's index that commits and checkouts made and the index file does not hold yet.
 * The whole index (9 MB of file, about 15 MB of heap at 100,000 files) is read only to write
 * these edits into it, once the folder is quiet, and not kept: a change looks up only its own
 * paths, in the edits here and else in the head's tree, which is what the index holds for every
 * path gtfc committed or checked out (gtfc never stages anything without committing it). Should
 * the process end before the write, the files that changed are hashed once more, nothing else.
 * Callers hold the folder lock.
 */
final class IndexEdits {
  private final Repository repository;
  /** By path; a {@link DeletePath} for a removal. The last edit of a path wins. */
  private final TreeMap<String, PathEdit> edits = new TreeMap<>();

  IndexEdits(Repository repository) {
    this.repository = repository;
  }

  void put(String path, PathEdit edit) {
    edits.put(path, edit);
  }

  void remove(String path) {
    edits.put(path, new DeletePath(path));
  }

  /** Whether edits wait for {@link #flush}. */
  boolean dirty() {
    return !edits.isEmpty();
  }

  /**
   * What the index holds for {@code path}: the edit here, else the head's entry (without stat
   * data, so it never passes for an unchanged file's stat); null when the path is not tracked.
   */
  DirCacheEntry entry(String path, ObjectReader reader, AnyObjectId head) throws IOException {
    PathEdit edit = edits.get(path);
    if (edit != null) {
      return edited(path, edit);
    }
    FileEntry atHead = head == null ? null : TreeFiles.entryAt(reader, head, path);
    return atHead == null ? null : headEntry(path, atHead);
  }

  /** The tracked files below the directory {@code path}, as {@link #entry} sees them. */
  List<DirCacheEntry> entriesWithin(String path, ObjectReader reader, AnyObjectId head) throws IOException {
    String prefix = path + "/";
    Map<String, DirCacheEntry> within = new TreeMap<>();
    if (head != null) {
      try (TreeWalk directory = TreeWalk.forPath(reader, path, head)) {
        if (directory != null && FileMode.TREE.equals(directory.getFileMode(0))) {
          TreeFiles.read(reader, directory.getObjectId(0))
              .forEach((below, file) -> within.put(prefix + below, headEntry(prefix + below, file)));
        }
      }
    }
    for (Map.Entry<String, PathEdit> edit : edits.subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
      DirCacheEntry entry = edited(edit.getKey(), edit.getValue());
      if (entry == null) {
        within.remove(edit.getKey());
      } else {
        within.put(edit.getKey(), entry);
      }
    }
    return new ArrayList<>(within.values());
  }

  /**
   * Writes the edits into the index file under its lock, reading the file as it is now (so that
   * whatever another process wrote there stays); on a failure they stay here for the next try.
   */
  void flush() throws IOException {
    if (!edits.isEmpty()) {
      write(DirCache.lock(repository, null));
    }
  }

  /**
   * As {@link #flush}, into {@code index} as read before (reading 100,000 entries takes longer
   * than writing them, and a caller may do it without the folder lock, out of the way of
   * changes); read again under the lock only if the file changed since.
   */
  void flush(DirCache index) throws IOException {
    if (edits.isEmpty()) {
      return;
    }
    if (!index.lock()) {
      throw new LockFailedException(repository.getIndexFile());
    }
    try {
      index.read(); // only if the file changed since it was read
    } catch (IOException | RuntimeException e) {
      index.unlock();
      throw e;
    }
    write(index);
  }

  /** Applies the edits to {@code locked}, writes it and lets go of its lock. */
  private void write(DirCache locked) throws IOException {
    try {
      DirCacheEditor editor = locked.editor();
      edits.values().forEach(editor::add);
      editor.finish();
      locked.write();
      if (!locked.commit()) {
        throw new LockFailedException(repository.getIndexFile());
      }
      edits.clear();
    } finally {
      locked.unlock(); // after a commit: nothing to release
    }
  }

  private static DirCacheEntry edited(String path, PathEdit edit) {
    if (edit instanceof DeletePath) {
      return null;
    }
    DirCacheEntry entry = new DirCacheEntry(path);
    edit.apply(entry);
    return entry;
  }

  private static DirCacheEntry headEntry(String path, FileEntry atHead) {
    DirCacheEntry entry = new DirCacheEntry(path);
    entry.setFileMode(atHead.mode());
    entry.setObjectId(atHead.id());
    return entry;
  }
}
