package io.gtfc.watch.kqueue.internal;

/** A system call returned -1; the errno says why, in the numbering of the {@link Platform}. */
public final class SystemCallFailed extends Exception {
  private static final long serialVersionUID = 1L;
  private final String call;
  private final int errno;

  public SystemCallFailed(String call, int errno) {
    super(call + " failed with errno " + errno);
    this.call = call;
    this.errno = errno;
  }

  public String call() {
    return call;
  }

  public int errno() {
    return errno;
  }
}
