package io.gtfc.git;

import java.io.IOException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.lib.Repository;

/**
 * The repository's index kept in memory between changes: locking it re-reads the file only when
 * someone else wrote it since (JGit compares size, time and inode), so that a change in a folder
 * of 100,000 files does not parse the whole index again. Callers hold the folder lock.
 */
final class KeptIndex {
  private final Repository repository;
  private DirCache index;
  /** The entries in memory were edited but not yet written; see {@link #writeSoon}. */
  private boolean dirty;

  KeptIndex(Repository repository) {
    this.repository = repository;
  }

  /** The index, locked and up to date with the file; {@link #release} or {@link #write} it after. */
  DirCache lock() throws IOException {
    if (index == null) {
      index = DirCache.lock(repository, null);
      return index;
    }
    if (!index.lock()) {
      throw new LockFailedException(repository.getIndexFile());
    }
    if (dirty) {
      return index; // what memory holds is newer than the file (JGit would read a file as new as itself again)
    }
    try {
      index.read();
    } catch (IOException | RuntimeException e) {
      index.unlock();
      forget();
      throw e;
    }
    return index;
  }

  /** Writes what was changed in memory; after a failure the file is read again next time. */
  void write(DirCache locked) throws IOException {
    try {
      locked.write();
      if (!locked.commit()) {
        throw new LockFailedException(repository.getIndexFile());
      }
      dirty = false;
    } catch (IOException | RuntimeException e) {
      locked.unlock();
      forget();
      throw e;
    }
  }

  /**
   * Unlocks the file but keeps what was changed in memory, to be written by {@link #flush} or by
   * whoever locks and writes the index next: writing 100,000 entries (and their checksum) costs
   * tens of milliseconds, which a commit should not wait for. The index is a cache of what the
   * working files hold: should the process end before the write, the files that changed are
   * hashed once more, and nothing else happens; should someone else (a git command run by hand)
   * write the file meanwhile, the write here replaces it.
   */
  void writeSoon(DirCache locked) {
    locked.unlock();
    dirty = true;
  }

  /** Whether changes in memory wait for {@link #flush}. */
  boolean dirty() {
    return dirty;
  }

  /** Writes what {@link #writeSoon} left in memory, if anything. */
  void flush() throws IOException {
    if (dirty) {
      write(lock());
    }
  }

  /** Releases the lock without writing; {@code changed}: the entries in memory were edited, so forget them. */
  void release(DirCache locked, boolean changed) {
    locked.unlock();
    if (changed) {
      forget();
    }
  }

  private void forget() {
    index = null;
    dirty = false;
  }
}
