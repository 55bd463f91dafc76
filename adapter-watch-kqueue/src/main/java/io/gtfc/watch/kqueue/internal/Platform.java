package io.gtfc.watch.kqueue.internal;

import java.util.Locale;
import java.util.Optional;

/** An operating system with kqueue, and what differs between them: struct layout and constants. */
public enum Platform {
  /**
   * FreeBSD 12 and later. Values from sys/sys/event.h (EVFILT_*, EV_*, NOTE_*),
   * sys/sys/fcntl.h (O_*) and sys/sys/errno.h; FreeBSD has no O_EVTONLY.
   */
  FREEBSD(
      "FreeBSD",
      KeventLayout.FREEBSD_12,
      new NativeConstants(
          (short) -4, // EVFILT_VNODE
          (short) -11, // EVFILT_USER
          0x0001, // EV_ADD
          0x0004, // EV_ENABLE
          0x0020, // EV_CLEAR
          0x0002, // EV_DELETE
          0x4000, // EV_ERROR
          0x0001, // NOTE_DELETE
          0x0002, // NOTE_WRITE
          0x0004, // NOTE_EXTEND
          0x0008, // NOTE_ATTRIB
          0x0010, // NOTE_LINK
          0x0020, // NOTE_RENAME
          0x0040, // NOTE_REVOKE
          0x01000000, // NOTE_TRIGGER
          0x0000, // O_RDONLY
          0, // O_EVTONLY does not exist
          0x00100000, // O_CLOEXEC
          0x00020000, // O_DIRECTORY
          2, // ENOENT
          4, // EINTR
          23, // ENFILE
          24)), // EMFILE
  /**
   * macOS. Values from xnu bsd/sys/event.h (EVFILT_*, EV_*, NOTE_*), bsd/sys/fcntl.h (O_*) and
   * bsd/sys/errno.h.
   */
  MACOS(
      "macOS",
      KeventLayout.MACOS,
      new NativeConstants(
          (short) -4, // EVFILT_VNODE
          (short) -10, // EVFILT_USER
          0x0001, // EV_ADD
          0x0004, // EV_ENABLE
          0x0020, // EV_CLEAR
          0x0002, // EV_DELETE
          0x4000, // EV_ERROR
          0x00000001, // NOTE_DELETE
          0x00000002, // NOTE_WRITE
          0x00000004, // NOTE_EXTEND
          0x00000008, // NOTE_ATTRIB
          0x00000010, // NOTE_LINK
          0x00000020, // NOTE_RENAME
          0x00000040, // NOTE_REVOKE
          0x01000000, // NOTE_TRIGGER
          0x0000, // O_RDONLY
          0x00008000, // O_EVTONLY
          0x01000000, // O_CLOEXEC
          0x00100000, // O_DIRECTORY
          2, // ENOENT
          4, // EINTR
          23, // ENFILE
          24)); // EMFILE

  private final String displayName;
  private final KeventLayout layout;
  private final NativeConstants constants;

  Platform(String displayName, KeventLayout layout, NativeConstants constants) {
    this.displayName = displayName;
    this.layout = layout;
    this.constants = constants;
  }

  /** The platform for a JVM's {@code os.name}, or empty where there is no kqueue (Linux). */
  public static Optional<Platform> fromOsName(String osName) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.startsWith("freebsd")) {
      return Optional.of(FREEBSD);
    }
    if (name.startsWith("mac os x") || name.startsWith("darwin")) {
      return Optional.of(MACOS);
    }
    return Optional.empty();
  }

  public String displayName() {
    return displayName;
  }

  public KeventLayout layout() {
    return layout;
  }

  public NativeConstants constants() {
    return constants;
  }

  /**
   * The flags to open a file or directory only to watch it. macOS has O_EVTONLY so the
   * descriptor does not keep a volume from being unmounted; FreeBSD needs a read-only open.
   * O_CLOEXEC keeps thousands of descriptors out of any process gtfc starts (git, hooks).
   */
  public int openFlags(boolean directory) {
    int flags = constants.oRdonly() | constants.oEvtonly() | constants.oCloexec();
    return directory ? flags | constants.oDirectory() : flags;
  }
}
