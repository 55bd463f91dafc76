package io.gtfc.watch.inotify;

import io.gtfc.watch.inotify.internal.NativeError;
import java.nio.file.Path;

/** Adds and drops the kernel's watch on one directory; a seam so translation is testable. */
interface DirectoryWatches {
  /** Returns the watch descriptor; watching a directory twice returns the same one. */
  int add(Path directory) throws NativeError;

  void remove(int wd);
}
