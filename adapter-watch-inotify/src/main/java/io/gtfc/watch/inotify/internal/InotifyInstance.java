package io.gtfc.watch.inotify.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One inotify file descriptor plus an eventfd that wakes its reader: the reader waits in {@code
 * poll} on both, so {@link #wakeUp()} stops a waiting {@link #read} at once without closing a
 * descriptor another thread is using.
 *
 * <p>Not thread-safe except {@link #wakeUp()}, which may race with a reader; the owner must not
 * call {@link #wakeUp()} after {@link #close()}.
 */
public final class InotifyInstance implements AutoCloseable {
  private static final int IN_NONBLOCK = 0x800;
  private static final int IN_CLOEXEC = 0x80000;
  private static final int EFD_NONBLOCK = 0x800;
  private static final int EFD_CLOEXEC = 0x80000;
  private static final short POLLIN = 0x1;
  private static final int POLLFD_BYTES = 8;

  /** Room for at least 240 events with long names: a read returns whole events only. */
  private static final int BUFFER_BYTES = 64 * 1024;

  private final LibC libc;
  private final Charset fileNames;
  private final int inotifyFd;
  private final int wakeUpFd;
  private final Memory pollFds = new Memory(2L * POLLFD_BYTES);
  private final Memory buffer = new Memory(BUFFER_BYTES);
  private final Memory one = new Memory(Long.BYTES);

  private InotifyInstance(LibC libc, Charset fileNames, int inotifyFd, int wakeUpFd) {
    this.libc = libc;
    this.fileNames = fileNames;
    this.inotifyFd = inotifyFd;
    this.wakeUpFd = wakeUpFd;
    pollFds.clear();
    pollFds.setInt(0, inotifyFd);
    pollFds.setShort(4, POLLIN);
    pollFds.setInt(POLLFD_BYTES, wakeUpFd);
    pollFds.setShort(POLLFD_BYTES + 4, POLLIN);
    one.setLong(0, 1L);
  }

  /**
   * Opens a new inotify instance.
   *
   * @param fileNames how the JDK encodes file names on this system ({@code sun.jnu.encoding})
   * @throws NativeError when the kernel refuses, e.g. {@link NativeError#EMFILE} when the user is
   *     out of inotify instances
   * @throws UnsatisfiedLinkError when this system has no inotify
   */
  public static InotifyInstance open(Charset fileNames) throws NativeError {
    LibC libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
    int inotifyFd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotifyFd < 0) {
      throw error(libc, "inotify_init1", Native.getLastError());
    }
    int wakeUpFd = libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (wakeUpFd < 0) {
      NativeError error = error(libc, "eventfd", Native.getLastError());
      libc.close(inotifyFd);
      throw error;
    }
    return new InotifyInstance(libc, fileNames, inotifyFd, wakeUpFd);
  }

  /** Watches one directory, never following a symbolic link; returns its watch descriptor. */
  public int addWatch(Path directory, int mask) throws NativeError {
    byte[] name = directory.toString().getBytes(fileNames);
    int wd =
        libc.inotify_add_watch(
            inotifyFd,
            Arrays.copyOf(name, name.length + 1),
            mask | InotifyEvent.IN_ONLYDIR | InotifyEvent.IN_DONTFOLLOW);
    if (wd < 0) {
      throw error(libc, "inotify_add_watch " + directory, Native.getLastError());
    }
    return wd;
  }

  /** Stops one watch; a watch the kernel already dropped is no error. */
  public void removeWatch(int wd) {
    libc.inotify_rm_watch(inotifyFd, wd);
  }

  /**
   * Reads whole events into {@code target} from {@code offset}.
   *
   * @param waitMillis how long to wait for events: -1 until they come or {@link #wakeUp()} is
   *     called, 0 not at all
   * @return the number of bytes read; 0 when nothing came in time (or spuriously); -1 once {@link
   *     #wakeUp()} was called
   */
  public int read(byte[] target, int offset, int waitMillis) throws NativeError {
    if (waitMillis != 0) {
      int ready = libc.poll(pollFds, new NativeLong(2), waitMillis);
      if (ready < 0) {
        int errno = Native.getLastError();
        if (errno == NativeError.EINTR) {
          return 0;
        }
        throw error(libc, "poll", errno);
      }
      if (pollFds.getShort(POLLFD_BYTES + 6) != 0) {
        return -1;
      }
      if (ready == 0) {
        return 0;
      }
    }
    int room = Math.min(BUFFER_BYTES, target.length - offset);
    long count = libc.read(inotifyFd, buffer, new NativeLong(room)).longValue();
    if (count < 0) {
      int errno = Native.getLastError();
      if (errno == NativeError.EAGAIN || errno == NativeError.EINTR) {
        return 0;
      }
      throw error(libc, "read inotify", errno);
    }
    buffer.read(0, target, offset, (int) count);
    return (int) count;
  }

  /** Makes a waiting {@link #read}, or the next one that waits, return -1. */
  public void wakeUp() {
    libc.write(wakeUpFd, one, new NativeLong(Long.BYTES));
  }

  /** Closes both descriptors; the kernel drops every watch with them. */
  @Override
  public void close() {
    libc.close(inotifyFd);
    libc.close(wakeUpFd);
    buffer.close();
    pollFds.close();
    one.close();
  }

  private static NativeError error(LibC libc, String call, int errno) {
    return new NativeError(call, errno, libc.strerror(errno));
  }
}
