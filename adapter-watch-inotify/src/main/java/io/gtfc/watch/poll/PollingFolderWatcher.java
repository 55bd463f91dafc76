package io.gtfc.watch.poll;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Watches a folder where neither inotify nor kqueue exists, by comparing snapshots (type, size,
 * modification time) on a JDK WatchService hint and at least every rescan interval.
 *
 * <p>It reports {@code CREATED} for a new path, {@code DELETED} for a vanished one and {@code
 * WRITTEN} for a file whose size, time or identity changed since the last look; a rename shows as
 * {@code DELETED} plus {@code CREATED}. Polling cannot see a file being closed, so a file still
 * being written may be reported more than once. It never calls {@link Listener#lost()}: a rescan
 * finds everything. A directory {@code ignored} accepts is not entered, and symbolic links are
 * reported but never followed.
 */
public final class PollingFolderWatcher implements FolderWatcher {
  private final Duration rescanInterval;

  public PollingFolderWatcher(Duration rescanInterval) {
    if (rescanInterval.isNegative() || rescanInterval.isZero()) {
      throw new IllegalArgumentException(
          "the rescan interval must be positive, not " + rescanInterval);
    }
    this.rescanInterval = rescanInterval;
  }

  @Override
  public Watch watch(Path folder, Predicate<RelativePath> ignored, Listener listener) {
    Objects.requireNonNull(ignored, "ignored");
    Objects.requireNonNull(listener, "listener");
    PollingWatch watch = new PollingWatch(realDirectory(folder), ignored, listener, rescanInterval);
    watch.start();
    return watch;
  }

  private static Path realDirectory(Path folder) {
    try {
      Path root = folder.toRealPath();
      if (Files.isDirectory(root)) {
        return root;
      }
    } catch (IOException missing) {
      // reported below, in the words a user needs
    }
    throw new GtfcException(
        Problem.BAD_INPUT, "cannot watch " + folder + ": it is not a directory");
  }
}
