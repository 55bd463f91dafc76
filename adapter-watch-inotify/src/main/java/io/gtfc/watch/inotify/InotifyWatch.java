package io.gtfc.watch.inotify;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderWatcher.Listener;
import io.gtfc.ports.FolderWatcher.Watch;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.inotify.internal.InotifyEvent;
import io.gtfc.watch.inotify.internal.InotifyInstance;
import io.gtfc.watch.inotify.internal.NativeError;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running inotify watch: its descriptor, its reader thread and what the thread knows. */
final class InotifyWatch implements Watch {
  private static final Logger log = LoggerFactory.getLogger(InotifyWatch.class);
  private static final int READ_BYTES = 64 * 1024;
  private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);
  private static final int UNTIL_EVENTS = -1;
  private static final int RENAME_HALF_MILLIS = 2;

  private final Path folder;
  private final Charset fileNames;
  private final InotifyInstance inotify;
  private final Listener listener;
  private final EventTranslator translator;
  private final Thread reader;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Guards the descriptors so close() never writes to one the reader already closed. */
  private final Object descriptors = new Object();

  private boolean released;

  InotifyWatch(
      Path folder,
      Predicate<RelativePath> ignored,
      Listener listener,
      InotifyInstance inotify,
      Charset fileNames,
      InotifyLimits limits) {
    this.folder = folder;
    this.fileNames = fileNames;
    this.inotify = inotify;
    this.listener = listener;
    this.translator =
        new EventTranslator(folder, ignored, new KernelWatches(), new Delivery(), limits);
    this.reader = new Thread(this::readEvents, "gtfc-inotify " + folder);
    reader.setDaemon(true);
  }

  /** Watches every directory, then starts reading; on failure the descriptor is released. */
  void start() {
    try {
      translator.watchFolder();
    } catch (RuntimeException e) {
      release();
      throw e;
    }
    log.debug("watching {} ({} directories)", folder, translator.watchedDirectories());
    reader.start();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      synchronized (descriptors) {
        if (!released) {
          inotify.wakeUp();
        }
      }
    }
    if (Thread.currentThread() != reader) {
      try {
        reader.join(STOP_PATIENCE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (reader.isAlive()) {
        log.warn(
            "the watch on {} did not stop within {}: its listener is busy", folder, STOP_PATIENCE);
      }
    }
  }

  boolean readerAlive() {
    return reader.isAlive();
  }

  private void readEvents() {
    byte[] bytes = new byte[READ_BYTES];
    try {
      while (!closed.get()) {
        int length = inotify.read(bytes, 0, UNTIL_EVENTS);
        if (length < 0) {
          break;
        }
        if (length == 0) {
          continue;
        }
        List<InotifyEvent> events =
            new ArrayList<>(InotifyEvent.parse(bytes, 0, length, fileNames));
        if (events.get(events.size() - 1).is(InotifyEvent.IN_MOVED_FROM)) {
          // a rename queues its MOVED_TO right after its MOVED_FROM: wait a moment for it, so
          // the two pair up and a renamed directory keeps its watches
          int more = inotify.read(bytes, 0, RENAME_HALF_MILLIS);
          if (more > 0) {
            events.addAll(InotifyEvent.parse(bytes, 0, more, fileNames));
          }
        }
        translator.dispatch(events);
      }
    } catch (GtfcException e) {
      stopWith(e);
    } catch (NativeError e) {
      stopWith(
          new GtfcException(
              Problem.ENVIRONMENT, "stopped watching " + folder + ": " + e.getMessage(), e));
    } catch (RuntimeException e) {
      log.error("the watch on {} failed", folder, e);
      stopWith(
          new GtfcException(
              Problem.ENVIRONMENT, "stopped watching " + folder + " after an error: " + e, e));
    } finally {
      release();
    }
  }

  private void stopWith(GtfcException cause) {
    log.debug("the watch on {} stops: {}", folder, cause.getMessage());
    new Delivery().failed(cause);
  }

  private void release() {
    synchronized (descriptors) {
      if (!released) {
        released = true;
        inotify.close();
      }
    }
  }

  private final class KernelWatches implements DirectoryWatches {
    @Override
    public int add(Path directory) throws NativeError {
      return inotify.addWatch(directory, EventTranslator.EVENTS);
    }

    @Override
    public void remove(int wd) {
      inotify.removeWatch(wd);
    }
  }

  /** Hands results to the listener until the watch is closed, and outlives a listener's bug. */
  private final class Delivery implements Listener {
    @Override
    public void changed(List<FolderChange> changes) {
      if (!closed.get()) {
        try {
          listener.changed(changes);
        } catch (RuntimeException e) {
          log.error("the listener of the watch on {} failed; watching goes on", folder, e);
        }
      }
    }

    @Override
    public void lost() {
      if (!closed.get()) {
        try {
          listener.lost();
        } catch (RuntimeException e) {
          log.error("the listener of the watch on {} failed; watching goes on", folder, e);
        }
      }
    }

    @Override
    public void failed(GtfcException cause) {
      if (!closed.get()) {
        try {
          listener.failed(cause);
        } catch (RuntimeException e) {
          log.error("the listener of the watch on {} failed", folder, e);
        }
      }
    }
  }
}
