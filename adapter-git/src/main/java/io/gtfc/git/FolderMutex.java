package io.gtfc.git;

import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The folder's exclusive lock: a reentrant lock for the threads of this store plus an OS file
 * lock on a file in the git directory for other processes. The file lock is taken once, by the
 * outermost acquisition of a thread, so re-entering never asks the OS twice.
 */
final class FolderMutex {
  private static final long RETRY_MILLIS = 20;

  private final Path lockFile;
  private final ReentrantLock threads = new ReentrantLock();
  /** Open while some thread holds the lock; guarded by {@link #threads}. */
  private FileChannel channel;

  FolderMutex(Path lockFile) {
    this.lockFile = lockFile;
  }

  FolderLock acquire() {
    threads.lock();
    if (threads.getHoldCount() == 1) {
      try {
        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lockAgainstOthers(channel);
      } catch (IOException | RuntimeException e) {
        closeChannel();
        threads.unlock();
        throw e instanceof GtfcException g ? g
            : new GtfcException(Problem.ENVIRONMENT,
                "cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
    return new Held();
  }

  /** Whether the calling thread holds the lock. */
  boolean heldByCurrentThread() {
    return threads.isHeldByCurrentThread();
  }

  /**
   * Blocks while another process holds the file. Another store of this JVM holding it makes the
   * JDK throw instead of wait, so that case polls.
   */
  private void lockAgainstOthers(FileChannel open) throws IOException {
    while (true) {
      try {
        open.lock();
        return;
      } catch (OverlappingFileLockException heldInThisJvm) {
        try {
          Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new GtfcException(Problem.ENVIRONMENT,
              "interrupted while waiting for the lock " + lockFile, e);
        }
      }
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // closing releases the OS lock even when it reports an error; nothing to add
      } finally {
        channel = null;
      }
    }
  }

  /** One acquisition; closing it twice is harmless. */
  private final class Held implements FolderLock {
    private boolean open = true;

    @Override
    public void close() {
      if (!open) {
        return;
      }
      if (!threads.isHeldByCurrentThread()) {
        throw new IllegalStateException("a folder lock is released by the thread that took it");
      }
      open = false;
      if (threads.getHoldCount() == 1) {
        closeChannel();
      }
      threads.unlock();
    }
  }
}
