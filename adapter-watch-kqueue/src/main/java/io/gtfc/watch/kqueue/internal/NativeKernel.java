package io.gtfc.watch.kqueue.internal;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real system calls, through JNA, for the platform this JVM runs on. */
public final class NativeKernel implements Kernel {
  private final Platform platform;
  private final LibC libc;

  private NativeKernel(Platform platform, LibC libc) {
    this.platform = platform;
    this.libc = libc;
  }

  /**
   * Binds the C library of this host. On FreeBSD JNA resolves "c" to the running process, whose
   * {@code kevent} symbol is the default FreeBSD 12 version with the 64-byte struct.
   */
  public static NativeKernel load(Platform platform) {
    if (Native.POINTER_SIZE != 8) {
      throw new UnsupportedOperationException(
          "the kqueue watcher supports 64-bit JVMs only; this one has "
              + (Native.POINTER_SIZE * 8)
              + "-bit pointers");
    }
    // Paths go to the kernel as UTF-8, what macOS requires and what Java writes on FreeBSD.
    LibC libc =
        Native.load(
            com.sun.jna.Platform.C_LIBRARY_NAME,
            LibC.class,
            Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
    return new NativeKernel(platform, libc);
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public int kqueue() throws SystemCallFailed {
    return check("kqueue", libc.kqueue());
  }

  @Override
  public int open(Path path, int flags) throws SystemCallFailed {
    return check("open", libc.open(path.toString(), flags));
  }

  @Override
  public void close(int fd) {
    libc.close(fd);
  }

  @Override
  public void register(int kq, Kevent change) throws SystemCallFailed {
    KeventLayout layout = platform.layout();
    Memory changes = new Memory(layout.size());
    layout.encode(change, buffer(changes), 0);
    check("kevent", libc.kevent(kq, changes, 1, null, 0, null));
  }

  @Override
  public List<Kevent> await(int kq, int max) throws SystemCallFailed {
    KeventLayout layout = platform.layout();
    Memory events = new Memory((long) layout.size() * max);
    while (true) {
      int count = libc.kevent(kq, null, 0, events, max, null);
      if (count < 0) {
        int errno = Native.getLastError();
        if (errno == platform.constants().eintr()) {
          continue;
        }
        throw new SystemCallFailed("kevent", errno);
      }
      ByteBuffer bytes = buffer(events);
      List<Kevent> decoded = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        decoded.add(layout.decode(bytes, i));
      }
      return decoded;
    }
  }

  private static ByteBuffer buffer(Memory memory) {
    return memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
  }

  private static int check(String call, int result) throws SystemCallFailed {
    if (result < 0) {
      throw new SystemCallFailed(call, Native.getLastError());
    }
    return result;
  }
}
