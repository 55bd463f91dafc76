package io.gtfc.watch.inotify;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The kernel's inotify limits, and the one line that tells a user which one to raise. */
final class InotifyLimits {
  static final Path KERNEL_SETTINGS = Path.of("/proc/sys/fs/inotify");
  private static final long GENEROUS_WATCHES = 524_288;
  private static final long GENEROUS_INSTANCES = 1_024;

  private final Path settings;

  InotifyLimits(Path settings) {
    this.settings = settings;
  }

  OptionalLong maxUserWatches() {
    return read("max_user_watches");
  }

  OptionalLong maxUserInstances() {
    return read("max_user_instances");
  }

  OptionalLong maxQueuedEvents() {
    return read("max_queued_events");
  }

  /** What to say when {@code inotify_add_watch} fails with ENOSPC. */
  static String outOfWatches(Path folder, long directories, OptionalLong limit) {
    String needed = "cannot watch " + folder + ": it has " + directories(directories);
    String advice =
        "; raise it with: sudo sysctl fs.inotify.max_user_watches="
            + suggestion(GENEROUS_WATCHES, Math.max(directories, limit.orElse(0)));
    if (limit.isEmpty()) {
      return needed
          + " and the system is out of inotify watches (fs.inotify.max_user_watches)"
          + advice;
    }
    if (directories >= limit.getAsLong()) {
      return needed + " but fs.inotify.max_user_watches is " + limit.getAsLong() + advice;
    }
    return needed
        + " but other programs hold most of the "
        + limit.getAsLong()
        + " watches fs.inotify.max_user_watches allows"
        + advice;
  }

  /** What to say when {@code inotify_init1} fails with EMFILE or ENFILE. */
  static String outOfInstances(Path folder, OptionalLong limit) {
    String current =
        limit.isPresent()
            ? "all "
                + limit.getAsLong()
                + " inotify instances fs.inotify.max_user_instances allows"
                + " are in use"
            : "no inotify instance is left (fs.inotify.max_user_instances)";
    return "cannot watch "
        + folder
        + ": "
        + current
        + " or this process is out of file descriptors; raise it with: sudo sysctl"
        + " fs.inotify.max_user_instances="
        + suggestion(GENEROUS_INSTANCES, limit.orElse(0));
  }

  /** The command that raises the watch limit enough for {@code directories}, and keeps it raised. */
  static String raiseWatches(long directories, OptionalLong limit) {
    long value = suggestion(GENEROUS_WATCHES, Math.max(directories, limit.orElse(0)));
    return "sudo sysctl fs.inotify.max_user_watches=" + value
        + " (to keep it: echo fs.inotify.max_user_watches=" + value + " | sudo tee /etc/sysctl.d/90-gtfc.conf)";
  }

  /** A round value well above both the current limit and the need, so one raise is enough. */
  private static long suggestion(long generous, long atLeast) {
    long value = generous;
    while (value < 2 * atLeast) {
      value *= 2;
    }
    return value;
  }

  private static String directories(long n) {
    return n == 1 ? "1 directory" : n + " directories";
  }

  /**
   * Reads a sysctl in one read: a /proc/sys file answers a read at a later offset with end of file,
   * so {@code Files.readString}, which starts with a tiny read for a file of size 0, sees only "1"
   * of "16384".
   */
  private OptionalLong read(String name) {
    try (BufferedReader reader = Files.newBufferedReader(settings.resolve(name))) {
      String line = reader.readLine();
      return line == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(line.trim()));
    } catch (IOException | NumberFormatException unreadable) {
      return OptionalLong.empty();
    }
  }
}
