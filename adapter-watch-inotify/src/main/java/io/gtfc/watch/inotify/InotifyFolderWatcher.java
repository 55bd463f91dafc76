package io.gtfc.watch.inotify;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.inotify.internal.InotifyInstance;
import io.gtfc.watch.inotify.internal.NativeError;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.nio.file.LinkOption;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import java.util.function.Predicate;

/**
 * Watches a folder with Linux inotify: one watch per directory, one daemon reader thread per {@link
 * FolderWatcher.Watch}.
 *
 * <p>What each change means here: {@code CREATED} for a new path (and for everything a scan finds
 * in a new directory); {@code MODIFIED} for each write; {@code WRITTEN} when a file opened for
 * writing is closed; {@code DELETED} when a path or a watched directory goes; {@code MOVED_AWAY}
 * and {@code MOVED_HERE} for both halves of a rename, or for one half when the other lies outside
 * the folder (a directory moved in is scanned and its content reported as {@code CREATED}, so is a
 * directory renamed within); {@code ATTRIBUTES} for permissions, owner and times. A directory
 * {@code ignored} accepts is not entered, and symbolic links are reported but never followed.
 */
public final class InotifyFolderWatcher implements FolderWatcher {
  private final Charset fileNames;
  private final InotifyLimits limits;

  public InotifyFolderWatcher() {
    this(InotifyLimits.KERNEL_SETTINGS);
  }

  /** Reads the kernel's inotify limits from {@code kernelSettings} instead of /proc/sys/fs/inotify. */
  InotifyFolderWatcher(Path kernelSettings) {
    this.fileNames = fileNameEncoding();
    this.limits = new InotifyLimits(kernelSettings);
  }

  /** inotify events are read as the kernel queues them. */
  @Override
  public boolean reportsAtOnce() {
    return true;
  }

  /** One inotify watch per directory of the folder, against fs.inotify.max_user_watches. */
  @Override
  public Optional<Capacity> capacity(Path folder) {
    OptionalLong limit = limits.maxUserWatches();
    if (limit.isEmpty() || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    long directories;
    try (Stream<Path> tree = Files.walk(folder)) {
      directories = tree.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).count();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    return Optional.of(new Capacity("fs.inotify.max_user_watches", limit.getAsLong(), directories,
        InotifyLimits.raiseWatches(directories, limit)));
  }

  @Override
  public Watch watch(Path folder, Predicate<RelativePath> ignored, Listener listener) {
    Objects.requireNonNull(ignored, "ignored");
    Objects.requireNonNull(listener, "listener");
    Path root = realDirectory(folder);
    InotifyInstance inotify = open(root);
    InotifyWatch watch = new InotifyWatch(root, ignored, listener, inotify, fileNames, limits);
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

  private InotifyInstance open(Path root) {
    try {
      return InotifyInstance.open(fileNames);
    } catch (NativeError e) {
      if (e.errno() == NativeError.EMFILE || e.errno() == NativeError.ENFILE) {
        throw new GtfcException(
            Problem.ENVIRONMENT, InotifyLimits.outOfInstances(root, limits.maxUserInstances()), e);
      }
      throw new GtfcException(
          Problem.ENVIRONMENT, "cannot watch " + root + ": " + e.getMessage(), e);
    } catch (UnsatisfiedLinkError e) {
      throw new GtfcException(
          Problem.ENVIRONMENT,
          "cannot watch " + root + ": this system has no inotify; use the polling watcher",
          e);
    }
  }

  /** The charset the JDK itself uses for file names, so names round-trip through the kernel. */
  private static Charset fileNameEncoding() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    } catch (IllegalArgumentException unknown) {
      return StandardCharsets.UTF_8;
    }
  }
}
