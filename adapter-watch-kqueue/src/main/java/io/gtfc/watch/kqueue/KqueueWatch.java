package io.gtfc.watch.kqueue;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.watch.kqueue.internal.Kernel;
import io.gtfc.watch.kqueue.internal.Kevent;
import io.gtfc.watch.kqueue.internal.NativeConstants;
import io.gtfc.watch.kqueue.internal.SystemCallFailed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One running watch: a kqueue, the watched tree, and the thread that reads kevents and tells
 * the listener. Closing triggers an EVFILT_USER event so the blocked kevent call returns at
 * once; the reader then closes every descriptor itself, so none is closed under its feet.
 */
final class KqueueWatch implements FolderWatcher.Watch {
  /** Any identifier will do: EVFILT_USER events live apart from descriptors. */
  private static final long WAKE_UP = 1;
  /** Events taken from the kernel per call; more simply wait for the next call. */
  private static final int BATCH = 256;
  /** How long close() waits for a listener that is still busy with a delivery. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final Kernel kernel;
  private final NativeConstants constants;
  private final int kqueue;
  private final WatchedTree tree;
  private final FolderWatcher.Listener listener;
  private final Path folder;
  private final Thread reader;
  private volatile boolean closing;
  private boolean released; // guarded by this

  private KqueueWatch(
      Kernel kernel, int kqueue, WatchedTree tree, FolderWatcher.Listener listener, Path folder) {
    this.kernel = kernel;
    this.constants = kernel.platform().constants();
    this.kqueue = kqueue;
    this.tree = tree;
    this.listener = listener;
    this.folder = folder;
    this.reader = new Thread(this::readEvents, "gtfc-kqueue " + folder);
    this.reader.setDaemon(true);
  }

  static KqueueWatch start(
      Kernel kernel, Path folder, Predicate<RelativePath> ignored, FolderWatcher.Listener listener) {
    NativeConstants constants = kernel.platform().constants();
    int kqueue;
    try {
      kqueue = kernel.kqueue();
    } catch (SystemCallFailed failure) {
      throw new WatchedTree(kernel, -1, folder, ignored).refused(failure);
    }
    WatchedTree tree = new WatchedTree(kernel, kqueue, folder, ignored);
    try {
      kernel.register(
          kqueue,
          Kevent.of(
              WAKE_UP, constants.evfiltUser(), constants.evAdd() | constants.evClear(), 0));
      tree.watchAll();
    } catch (SystemCallFailed failure) {
      tree.releaseAll();
      kernel.close(kqueue);
      throw tree.refused(failure);
    } catch (RuntimeException failure) {
      tree.releaseAll();
      kernel.close(kqueue);
      throw failure;
    }
    KqueueWatch watch = new KqueueWatch(kernel, kqueue, tree, listener, folder);
    watch.reader.start();
    return watch;
  }

  @Override
  public void close() {
    closing = true;
    synchronized (this) {
      if (!released) {
        try {
          kernel.register(
              kqueue, Kevent.of(WAKE_UP, constants.evfiltUser(), 0, constants.noteTrigger()));
        } catch (SystemCallFailed failure) {
          // The reader still stops, at the next file event; nothing better can be done here.
        }
      }
    }
    if (Thread.currentThread() != reader) {
      try {
        reader.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void readEvents() {
    try {
      while (!closing) {
        List<Kevent> events;
        try {
          events = kernel.await(kqueue, BATCH);
        } catch (SystemCallFailed failure) {
          if (!closing) {
            listener.failed(tree.refused(failure));
          }
          return;
        }
        if (closing) {
          return;
        }
        List<FolderChange> changes = new ArrayList<>();
        GtfcException failure = null;
        try {
          tree.apply(events, changes);
        } catch (GtfcException e) {
          failure = e;
        }
        if (!changes.isEmpty() && !closing) {
          listener.changed(List.copyOf(changes));
        }
        if (failure != null) {
          if (!closing) {
            listener.failed(failure);
          }
          return;
        }
      }
    } finally {
      release();
    }
  }

  private synchronized void release() {
    if (!released) {
      released = true;
      tree.releaseAll();
      kernel.close(kqueue);
    }
  }

  @Override
  public String toString() {
    return "kqueue watch of " + folder;
  }
}
