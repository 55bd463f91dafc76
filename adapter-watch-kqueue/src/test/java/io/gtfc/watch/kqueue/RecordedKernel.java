package io.gtfc.watch.kqueue;

import io.gtfc.watch.kqueue.internal.Kernel;
import io.gtfc.watch.kqueue.internal.Kevent;
import io.gtfc.watch.kqueue.internal.NativeConstants;
import io.gtfc.watch.kqueue.internal.Platform;
import io.gtfc.watch.kqueue.internal.SystemCallFailed;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A kernel that hands out descriptors like a real one (lowest free number first, up to a limit)
 * and delivers the kevents a test scripts, recorded from what FreeBSD and macOS post for each
 * file operation. The file system under the watched folder stays real.
 */
final class RecordedKernel implements Kernel {
  /** What a descriptor was opened for; {@code path} is null for a kqueue. */
  record Opened(Path path, int flags) {}

  private static final int FIRST_DESCRIPTOR = 3;
  /** ENOTDIR is 20 in FreeBSD's sys/sys/errno.h and xnu's bsd/sys/errno.h alike. */
  private static final int ENOTDIR = 20;

  private final Platform platform;
  private final NativeConstants constants;
  private final int descriptorLimit;
  private final int errnoWhenFull;
  private final Map<Integer, Opened> open = new TreeMap<>();
  private final List<Opened> everOpened = new ArrayList<>();
  private final List<Kevent> registrations = new ArrayList<>();
  private final BlockingQueue<List<Kevent>> pending = new LinkedBlockingQueue<>();
  private int awaits;
  private int delivered;
  private boolean kqueueClosed;

  RecordedKernel(Platform platform) {
    this(platform, Integer.MAX_VALUE, 0);
  }

  private RecordedKernel(Platform platform, int descriptorLimit, int errnoWhenFull) {
    this.platform = platform;
    this.constants = platform.constants();
    this.descriptorLimit = descriptorLimit;
    this.errnoWhenFull = errnoWhenFull;
  }

  /** A kernel that refuses the descriptor after {@code limit} open ones with {@code errno}. */
  static RecordedKernel withDescriptorLimit(Platform platform, int limit, int errno) {
    return new RecordedKernel(platform, limit, errno);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public synchronized int kqueue() throws SystemCallFailed {
    return allocate("kqueue", new Opened(null, 0));
  }

  @Override
  public synchronized int open(Path path, int flags) throws SystemCallFailed {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new SystemCallFailed("open", constants.enoent());
    }
    if ((flags & constants.oDirectory()) != 0 && !Files.isDirectory(path)) {
      throw new SystemCallFailed("open", ENOTDIR);
    }
    return allocate("open", new Opened(path, flags));
  }

  private int allocate(String call, Opened opened) throws SystemCallFailed {
    if (open.size() >= descriptorLimit) {
      throw new SystemCallFailed(call, errnoWhenFull);
    }
    int descriptor = FIRST_DESCRIPTOR;
    while (open.containsKey(descriptor)) {
      descriptor++;
    }
    open.put(descriptor, opened);
    everOpened.add(opened);
    return descriptor;
  }

  @Override
  public synchronized void close(int fd) {
    Opened closed = open.remove(fd);
    if (closed != null && closed.path() == null) {
      kqueueClosed = true;
      notifyAll();
    }
  }

  @Override
  public synchronized void register(int kq, Kevent change) {
    registrations.add(change);
    if (change.filter() == constants.evfiltUser()
        && (change.fflags() & constants.noteTrigger()) != 0) {
      pending.add(List.of(Kevent.of(change.ident(), change.filter(), constants.evClear(), 0)));
    }
  }

  @Override
  public List<Kevent> await(int kq, int max) throws SystemCallFailed {
    synchronized (this) {
      awaits++;
      notifyAll();
    }
    try {
      return pending.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SystemCallFailed("kevent", constants.eintr());
    }
  }

  /**
   * Delivers one batch of kevents, as one kevent() call would return them, and waits until the
   * watch has handled it (it is back waiting, or it stopped).
   */
  void deliver(Kevent... events) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (this) {
      delivered++;
      int handledAfter = delivered + 1;
      pending.add(List.of(events));
      while (awaits < handledAfter && !kqueueClosed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the watch did not handle the kevents within 10 s");
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }

  /** A vnode event as the kernel reports it on {@code descriptor}. */
  Kevent vnode(int descriptor, int fflags) {
    return Kevent.of(descriptor, constants.evfiltVnode(), constants.evAdd() | constants.evClear(), fflags);
  }

  /** The descriptor currently open for {@code path}, as it was named when opened. */
  synchronized int descriptorOf(Path path) {
    for (Map.Entry<Integer, Opened> entry : open.entrySet()) {
      if (path.equals(entry.getValue().path())) {
        return entry.getKey();
      }
    }
    throw new AssertionError("no descriptor is open for " + path + "; open: " + open);
  }

  synchronized boolean isOpen(int descriptor) {
    return open.containsKey(descriptor);
  }

  synchronized int openDescriptors() {
    return open.size();
  }

  synchronized List<Opened> everOpened() {
    return List.copyOf(everOpened);
  }

  synchronized List<Kevent> registrations() {
    return List.copyOf(registrations);
  }

  synchronized boolean kqueueClosed() {
    return kqueueClosed;
  }
}
