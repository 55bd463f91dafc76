package io.gtfc.watch.kqueue.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * JNA's view of the C library calls in sys/event.h and fcntl.h/unistd.h; errors are read from
 * {@code Native.getLastError()} after a -1, since a successful call may leave errno set.
 */
interface LibC extends Library {
  int kqueue();

  int kevent(
      int kq, Pointer changelist, int nchanges, Pointer eventlist, int nevents, Pointer timeout);

  /*
   * open(2) is variadic (a mode follows O_CREAT). Declaring only the two fixed arguments is safe
   * on amd64 and arm64 alike because no variadic argument is ever passed.
   */
  int open(String path, int flags);

  int close(int fd);
}
