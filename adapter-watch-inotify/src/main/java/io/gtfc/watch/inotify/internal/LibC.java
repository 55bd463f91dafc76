package io.gtfc.watch.inotify.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** The few libc calls the inotify watcher needs; errors come back as -1 and {@code errno}. */
interface LibC extends Library {
  int inotify_init1(int flags);

  int inotify_add_watch(int fd, byte[] pathname, int mask);

  int inotify_rm_watch(int fd, int wd);

  int eventfd(int initval, int flags);

  int poll(Pointer fds, NativeLong nfds, int timeout);

  NativeLong read(int fd, Pointer buf, NativeLong count);

  NativeLong write(int fd, Pointer buf, NativeLong count);

  int close(int fd);

  String strerror(int errnum);
}
