package io.gtfc.watch.kqueue.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The four system calls a kqueue watcher needs, as small as the C ones so that everything above
 * them is plain Java a test can drive with a recorded kernel.
 *
 * <p>Threading: {@link #register} may be called from any thread while another thread waits in
 * {@link #await} on the same kqueue (that is how a watch is woken to stop).
 */
public interface Kernel {

  /** Which constants and layout this kernel speaks. */
  Platform platform();

  /** {@code kqueue()}: a new kernel event queue. */
  int kqueue() throws SystemCallFailed;

  /** {@code open(path, flags)}, flags from {@link Platform#openFlags}. */
  int open(Path path, int flags) throws SystemCallFailed;

  /** {@code close(fd)}; closing a watched descriptor also removes its kevents. Errors are ignored. */
  void close(int fd);

  /** {@code kevent(kq, &change, 1, NULL, 0, NULL)}: adds, changes or triggers one event. */
  void register(int kq, Kevent change) throws SystemCallFailed;

  /**
   * {@code kevent(kq, NULL, 0, events, max, NULL)}: blocks until at least one event is pending and
   * returns up to {@code max} of them, in the order the kernel queued them; retries on EINTR.
   */
  List<Kevent> await(int kq, int max) throws SystemCallFailed;
}
