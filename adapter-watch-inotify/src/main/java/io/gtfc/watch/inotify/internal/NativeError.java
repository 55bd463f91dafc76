package io.gtfc.watch.inotify.internal;

/** A libc call failed; {@link #errno()} says why. */
public final class NativeError extends Exception {
  private static final long serialVersionUID = 1L;

  public static final int ENOENT = 2;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EACCES = 13;
  public static final int ENOTDIR = 20;
  public static final int ENFILE = 23;
  public static final int EMFILE = 24;
  public static final int ENOSPC = 28;

  private final int errno;

  public NativeError(String call, int errno, String description) {
    super(call + ": " + description + " (errno " + errno + ")");
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }
}
