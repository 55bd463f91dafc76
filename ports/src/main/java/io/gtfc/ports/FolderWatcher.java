package io.gtfc.ports;

import io.gtfc.domain.RelativePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reports changes under a folder, recursively, as the operating system sees them (inotify,
 * kqueue, or polling where neither exists).
 *
 * <p>Guarantees: after {@link #watch} returns, every change under the folder is reported, including
 * files created inside a directory before that directory itself was being watched (the watcher
 * scans a new directory after watching it and reports what it found as {@code CREATED}). When the
 * operating system drops events, {@link Listener#lost()} says so and the caller must rescan.
 * The {@code .git} file at the folder root and every path {@code ignored} accepts are never
 * reported.
 *
 * <p>Threading: each watch delivers on one thread of its own, in the order the OS reported; a
 * listener must not block for long.
 *
 * <p>Errors: {@link GtfcException} ENVIRONMENT from {@link #watch} when the OS refuses (for
 * inotify, out of watches: the message names {@code fs.inotify.max_user_watches} and the value
 * needed; for kqueue, out of file descriptors: the message names the limit).
 */
public interface FolderWatcher {

  /** Starts watching {@code folder} and returns once all its directories are watched. */
  Watch watch(Path folder, Predicate<RelativePath> ignored, Listener listener);

  /**
   * Whether a change is reported as soon as the operating system tells of it (inotify, kqueue),
   * not at the next poll: only then can a daemon say that it has seen every edit made so far.
   * False unless a watcher says otherwise.
   */
  default boolean reportsAtOnce() {
    return false;
  }

  /**
   * What watching {@code folder} would take from a limit of the operating system, so that a check
   * can warn before {@link #watch} fails; empty when this watcher has no such limit (polling) or
   * it cannot be read. Reads the folder's directory tree: takes a while on a large folder.
   */
  default Optional<Capacity> capacity(Path folder) {
    return Optional.empty();
  }

  /**
   * An operating-system limit against a folder's need.
   *
   * @param limit the limit's name, e.g. {@code fs.inotify.max_user_watches}
   * @param allowed its value now
   * @param needed how much of it watching the folder takes (other programs may hold some as well)
   * @param raise the command that raises the limit to a value that is enough
   */
  record Capacity(String limit, long allowed, long needed, String raise) {
    public boolean enough() {
      return needed < allowed;
    }
  }

  /** A running watch; closing it stops delivery and releases OS resources. */
  interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /** Receives what a watch sees. */
  interface Listener {
    /** Changes in the order they happened; never empty. */
    void changed(List<FolderChange> changes);

    /** Events were dropped (queue overflow): anything under the folder may have changed. */
    void lost();

    /** The watch stopped because of an error it cannot recover from. */
    void failed(GtfcException cause);
  }
}
