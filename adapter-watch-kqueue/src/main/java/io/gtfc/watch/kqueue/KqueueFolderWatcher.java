package io.gtfc.watch.kqueue;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.kqueue.internal.Kernel;
import io.gtfc.watch.kqueue.internal.NativeKernel;
import io.gtfc.watch.kqueue.internal.Platform;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link FolderWatcher} over kqueue for FreeBSD 12+ and macOS, holding one open descriptor per
 * watched file and directory.
 *
 * <p>What differs from inotify, within the port's contract: kqueue has no close-after-write, so
 * every write is reported as {@code MODIFIED} followed by {@code WRITTEN} and the batching
 * layer's quiet window decides when a file is complete; a file or directory moved in from
 * outside the folder is reported as {@code CREATED} (kqueue cannot tell it from a new one); and
 * kqueue coalesces events instead of dropping them, so {@link Listener#lost()} is never called.
 */
public final class KqueueFolderWatcher implements FolderWatcher {
  private final Supplier<Kernel> kernels;

  /** Watches with the kernel of this host; fails at {@link #watch} where there is no kqueue. */
  public KqueueFolderWatcher() {
    this(KqueueFolderWatcher::hostKernel);
  }

  /** Watches with the given kernel, real or recorded. */
  KqueueFolderWatcher(Kernel kernel) {
    this(() -> kernel);
  }

  private KqueueFolderWatcher(Supplier<Kernel> kernels) {
    this.kernels = kernels;
  }

  /** kqueue wakes the watch at each change; the directory it names is rescanned then. */
  @Override
  public boolean reportsAtOnce() {
    return true;
  }

  @Override
  public Watch watch(Path folder, Predicate<RelativePath> ignored, Listener listener) {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(ignored, "ignored");
    Objects.requireNonNull(listener, "listener");
    return KqueueWatch.start(kernels.get(), folder.toAbsolutePath().normalize(), ignored, listener);
  }

  private static Kernel hostKernel() {
    String osName = System.getProperty("os.name", "unknown");
    Platform platform =
        Platform.fromOsName(osName)
            .orElseThrow(
                () ->
                    new GtfcException(
                        Problem.ENVIRONMENT,
                        "kqueue exists on FreeBSD and macOS, not on "
                            + osName
                            + ": use the inotify watcher on Linux"));
    try {
      return NativeKernel.load(platform);
    } catch (UnsupportedOperationException | LinkageError e) {
      throw new GtfcException(
          Problem.ENVIRONMENT,
          "cannot call kqueue on this " + platform.displayName() + " host: " + e.getMessage(),
          e);
    }
  }
}
