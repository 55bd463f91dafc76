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
    try {
      index.read();
    } catch (IOException | RuntimeException e) {
      index.unlock();
      index = null;
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
    } catch (IOException | RuntimeException e) {
      locked.unlock();
      index = null;
      throw e;
    }
  }

  /** Releases the lock without writing; {@code changed}: the entries in memory were edited, so forget them. */
  void release(DirCache locked, boolean changed) {
    locked.unlock();
    if (changed) {
      index = null;
    }
  }
}
