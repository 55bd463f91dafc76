package io.gtfc.watch.poll;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderWatcher.Listener;
import io.gtfc.ports.FolderWatcher.Watch;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running polling watch: a snapshot, a thread that rescans it, and a JDK WatchService whose
 * events only say which directory to look at first. Without the hints it still works, slower.
 */
final class PollingWatch implements Watch {
  private static final Logger log = LoggerFactory.getLogger(PollingWatch.class);
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

  private final Path folder;
  private final Listener listener;
  private final Duration rescanInterval;
  private final FolderSnapshot snapshot;
  private final Thread poller;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** Only the poller touches these after start(). */
  private final Map<WatchKey, String> directoryOf = new HashMap<>();

  private final Map<String, WatchKey> keyOf = new HashMap<>();

  private WatchService hints;
  private boolean hintsFailed;

  PollingWatch(
      Path folder, Predicate<RelativePath> ignored, Listener listener, Duration rescanInterval) {
    this.folder = folder;
    this.listener = listener;
    this.rescanInterval = rescanInterval;
    this.snapshot = new FolderSnapshot(folder, ignored);
    this.poller = new Thread(this::poll, "gtfc-poll " + folder);
    poller.setDaemon(true);
  }

  void start() {
    try {
      hints = folder.getFileSystem().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      log.info("no file system hints for {} ({}): rescanning every {}", folder, e, rescanInterval);
    }
    try {
      // hints first, snapshot second: a change in between is then seen by both or by the rescan
      register(FolderSnapshot.ROOT);
      snapshot.take();
      snapshot.directories().forEach(this::register);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    poller.start();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stopped.countDown();
      // wakes a poller waiting for hints; closing twice is harmless
      closeHints();
    }
    if (Thread.currentThread() != poller) {
      try {
        poller.join(STOP_PATIENCE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void poll() {
    long nextRescan = System.nanoTime() + rescanInterval.toNanos();
    try {
      while (!closed.get()) {
        long wait = nextRescan - System.nanoTime();
        WatchKey hint = wait > 0 ? nextHint(wait) : null;
        if (closed.get()) {
          break;
        }
        if (hint == null) {
          report(snapshot.rescanAll());
          nextRescan = System.nanoTime() + rescanInterval.toNanos();
        } else {
          lookWhereHinted(hint);
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException closing) {
      // close() ended the wait
    } catch (GtfcException e) {
      failed(e);
    } catch (RuntimeException e) {
      log.error("the watch on {} failed", folder, e);
      failed(
          new GtfcException(
              Problem.ENVIRONMENT, "stopped watching " + folder + " after an error: " + e, e));
    } finally {
      closeHints();
    }
  }

  private void closeHints() {
    if (hints != null) {
      try {
        hints.close();
      } catch (IOException e) {
        log.debug("closing the hints of {}", folder, e);
      }
    }
  }

  private WatchKey nextHint(long waitNanos) throws InterruptedException {
    if (hints == null) {
      stopped.await(waitNanos, TimeUnit.NANOSECONDS);
      return null;
    }
    return hints.poll(waitNanos, TimeUnit.NANOSECONDS);
  }

  /** Rescans each directory that has hints waiting, or everything if some were dropped. */
  private void lookWhereHinted(WatchKey first) {
    Set<String> directories = new LinkedHashSet<>();
    boolean dropped = false;
    for (WatchKey key = first; key != null; key = hints.poll()) {
      for (WatchEvent<?> event : key.pollEvents()) {
        dropped |= event.kind() == StandardWatchEventKinds.OVERFLOW;
      }
      String directory = directoryOf.get(key);
      if (directory != null) {
        directories.add(directory);
      }
      if (!key.reset()) {
        forget(directory);
      }
    }
    if (dropped) {
      report(snapshot.rescanAll());
    } else {
      for (String directory : directories) {
        report(snapshot.rescanDirectory(directory));
      }
    }
  }

  private void report(List<FolderChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    for (FolderChange change : changes) {
      if (change.directory()) {
        if (change.kind() == FolderChange.Kind.CREATED) {
          register(change.path().value());
        } else {
          forget(change.path().value());
        }
      }
    }
    if (!closed.get()) {
      try {
        listener.changed(changes);
      } catch (RuntimeException e) {
        log.error("the listener of the watch on {} failed; watching goes on", folder, e);
      }
    }
  }

  private void failed(GtfcException cause) {
    if (!closed.get()) {
      try {
        listener.failed(cause);
      } catch (RuntimeException e) {
        log.error("the listener of the watch on {} failed", folder, e);
      }
    }
  }

  private void register(String directory) {
    if (hints == null || hintsFailed) {
      return;
    }
    try {
      WatchKey key =
          folder
              .resolve(directory)
              .register(
                  hints,
                  StandardWatchEventKinds.ENTRY_CREATE,
                  StandardWatchEventKinds.ENTRY_DELETE,
                  StandardWatchEventKinds.ENTRY_MODIFY);
      directoryOf.put(key, directory);
      keyOf.put(directory, key);
    } catch (IOException e) {
      // out of OS watches, most likely: the periodic rescan still finds every change
      hintsFailed = true;
      log.warn(
          "hints for {} stopped at {} ({}): rescanning every {}",
          folder,
          directory,
          e,
          rescanInterval);
    }
  }

  private void forget(String directory) {
    if (directory == null) {
      return;
    }
    WatchKey key = keyOf.remove(directory);
    if (key != null) {
      directoryOf.remove(key);
      key.cancel();
    }
  }
}
