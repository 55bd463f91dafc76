package io.gtfc.watch.kqueue;

import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.kqueue.internal.NativeConstants;
import io.gtfc.watch.kqueue.internal.Platform;
import java.nio.file.Path;

/** The one-line message for running out of file descriptors, which names the limit to raise. */
final class FileLimits {
  private FileLimits() {}

  static boolean exhausted(Platform platform, int errno) {
    NativeConstants constants = platform.constants();
    return errno == constants.emfile() || errno == constants.enfile();
  }

  /**
   * @param needed descriptors the folder needs: one per file and directory, plus the kqueue
   */
  static GtfcException exhaustedError(Platform platform, Path folder, int errno, long needed) {
    boolean systemWide = errno == platform.constants().enfile();
    String refusal =
        systemWide
            ? "the system's file table is full (ENFILE); raise the sysctl kern.maxfiles"
                + " (and kern.maxfilesperproc and `ulimit -n` if they are lower)"
            : "this process may open no more (EMFILE); raise `ulimit -n` and the sysctl"
                + " kern.maxfilesperproc (and kern.maxfiles if the whole system runs short)";
    String service =
        platform == Platform.MACOS ? " (for a launchd service: `launchctl limit maxfiles`)" : "";
    return new GtfcException(
        Problem.ENVIRONMENT,
        "cannot watch "
            + folder
            + " on "
            + platform.displayName()
            + ": kqueue needs one open file per file and directory, "
            + needed
            + " for this folder, and "
            + refusal
            + service
            + " well above "
            + needed
            + ", or ignore some directories");
  }
}
