package io.gtfc.git;

import io.gtfc.git.TreeFiles.Change;
import io.gtfc.git.TreeFiles.FileEntry;
import io.gtfc.git.WorkingFiles.Found;
import io.gtfc.git.WorkingFiles.MissingDirectories;
import io.gtfc.ports.Progress;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a working tree and its index from one tree to another, touching only the paths that differ
 * between them. A working file that is neither the old nor the new version is a user's edit: it is
 * never overwritten or deleted, and afterwards shows as a pending change.
 */
final class Checkout {
  private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);

  private final Repository repository;
  private final WorkingFiles files;
  private final IndexEdits index;

  Checkout(Repository repository, WorkingFiles files, IndexEdits index) {
    this.repository = repository;
    this.files = files;
    this.index = index;
  }

  /** The changed paths that hold an edit the move would overwrite; empty when it can go ahead. */
  List<String> edited(List<Change> changes) throws IOException {
    Set<String> removed = new HashSet<>();
    changes.stream().filter(c -> c.after() == null).forEach(c -> removed.add(c.path()));
    List<String> edited = new ArrayList<>();
    // a new folder's files: one stat of the folder answers for all of them (nothing is written here)
    MissingDirectories missing = new MissingDirectories();
    for (Change change : changes) {
      if (WorkingFiles.namesGitFile(change.path())) {
        continue;
      }
      Optional<Found> found = files.find(change.path(), missing);
      boolean clean = files.holds(found, change.before()) || files.holds(found, change.after())
          || found.isPresent() && found.get().directory() && change.before() == null
              && removed.containsAll(files.filesBelow(change.path()));
      if (!clean || change.after() != null && !parentsClear(change.path(), removed, missing)) {
        edited.add(change.path());
      }
    }
    return edited;
  }

  /** Whether every parent of a path is a directory or a file the move removes. */
  private boolean parentsClear(String path, Set<String> removed, MissingDirectories missing) {
    if (files.reachable(path, missing)) {
      return true; // every parent is a directory or missing: the usual case, remembered per directory
    }
    for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
      String parent = path.substring(0, i);
      boolean blocked = Files.isSymbolicLink(files.resolve(parent))
          || Files.exists(files.resolve(parent)) && !Files.isDirectory(files.resolve(parent));
      if (blocked && !removed.contains(parent)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Brings the working tree and the index to the after-side of {@code changes}: removals first, so a
   * directory can replace a file and back, then writes; the index edits wait in {@link IndexEdits}
   * for its flush (the index is a cache of the working files: one written late or never makes the
   * next look at the folder hash the changed files again, nothing else).
   */
  void apply(List<Change> changes, ObjectReader reader, Progress.Task task) throws IOException {
    for (Change change : changes) {
      if (change.after() == null && !WorkingFiles.namesGitFile(change.path())) {
        remove(change);
        index.remove(change.path());
        task.advance(1);
      }
    }
    for (Change change : changes) {
      if (change.after() != null && !WorkingFiles.namesGitFile(change.path())) {
        index.put(change.path(), entry(change.path(), change.after(), put(change, reader)));
        task.advance(1);
      }
    }
  }

  private void remove(Change change) throws IOException {
    if (FileMode.GITLINK.equals(change.before().mode())) {
      return;
    }
    Optional<Found> found = files.find(change.path());
    if (files.holds(found, change.before())) {
      files.delete(change.path());
    } else if (found.isPresent()) {
      LOG.info("{}: keeping {}, edited here since it was last committed", repository.getWorkTree(),
          change.path());
    }
  }

  /** Writes the new version unless an edit is in the way; the file as written, or null when kept. */
  private Found put(Change change, ObjectReader reader) throws IOException {
    String path = change.path();
    Optional<Found> found = files.find(path);
    if (FileMode.GITLINK.equals(change.after().mode()) || files.holds(found, change.after())) {
      return found.orElse(null);
    }
    boolean replaceable = found.isEmpty() || files.holds(found, change.before())
        || found.get().directory() && change.before() == null && emptyDirectoryRemoved(path);
    if (!replaceable || !files.reachable(path)) {
      LOG.warn("{}: not writing {}: it was edited here, or a file or link is in its way;"
          + " it stays as it is and will be committed as a change", repository.getWorkTree(), path);
      return null;
    }
    return files.write(path, change.after(), reader);
  }

  private boolean emptyDirectoryRemoved(String path) throws IOException {
    try {
      Files.delete(files.resolve(path));
      files.forgetDirectories();
      return true;
    } catch (DirectoryNotEmptyException e) {
      return false;
    }
  }

  /** The index entry for a new version; without stat data when the working file differs, so it shows as changed. */
  static PathEdit entry(String path, FileEntry version, Found written) {
    return new PathEdit(path) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(version.mode());
        entry.setObjectId(version.id());
        if (written != null && version.id().equals(written.entry().id())) {
          entry.setLength(written.length());
          entry.setLastModified(written.modified());
        } else {
          entry.setLength(0);
          entry.setLastModified(Instant.EPOCH);
        }
      }
    };
  }
}
