package io.gtfc.watch.kqueue.internal;

import java.nio.ByteBuffer;

/**
 * The byte layout of {@code struct kevent} on a 64-bit platform, written and read field by field
 * so every offset is visible and testable instead of left to JNA's structure alignment rules.
 */
public enum KeventLayout {
  /**
   * FreeBSD 12 and later, from sys/sys/event.h: {@code __uintptr_t ident; short filter;
   * unsigned short flags; unsigned int fflags; __int64_t data; void *udata; __uint64_t ext[4];}.
   * FreeBSD 11 used the 32-byte layout without {@code ext}; libc keeps it under the old symbol
   * version, and {@code dlsym("kevent")} gives the default (new) one.
   */
  FREEBSD_12(64),
  /**
   * macOS, from xnu bsd/sys/event.h: {@code uintptr_t ident; int16_t filter; uint16_t flags;
   * uint32_t fflags; intptr_t data; void *udata;} under {@code #pragma pack(4)}, which changes
   * nothing on LP64 because every field is already at a multiple of its size.
   */
  MACOS(32);

  public static final int IDENT_OFFSET = 0;
  public static final int FILTER_OFFSET = 8;
  public static final int FLAGS_OFFSET = 10;
  public static final int FFLAGS_OFFSET = 12;
  public static final int DATA_OFFSET = 16;
  public static final int UDATA_OFFSET = 24;
  /** FreeBSD only: {@code ext[4]}, four 64-bit extension words the caller must zero. */
  public static final int EXT_OFFSET = 32;

  private final int size;

  KeventLayout(int size) {
    this.size = size;
  }

  /** {@code sizeof(struct kevent)}: the stride of an array of them. */
  public int size() {
    return size;
  }

  /**
   * Writes {@code event} as element {@code index} of the array in {@code buffer}, in the buffer's
   * byte order, zeroing {@code ext} as {@code EV_SET} does.
   */
  public void encode(Kevent event, ByteBuffer buffer, int index) {
    int base = index * size;
    buffer.putLong(base + IDENT_OFFSET, event.ident());
    buffer.putShort(base + FILTER_OFFSET, event.filter());
    buffer.putShort(base + FLAGS_OFFSET, (short) event.flags());
    buffer.putInt(base + FFLAGS_OFFSET, event.fflags());
    buffer.putLong(base + DATA_OFFSET, event.data());
    buffer.putLong(base + UDATA_OFFSET, event.udata());
    for (int offset = EXT_OFFSET; offset < size; offset += Long.BYTES) {
      buffer.putLong(base + offset, 0L);
    }
  }

  /** Reads element {@code index} of the array in {@code buffer}; {@code ext} is not needed. */
  public Kevent decode(ByteBuffer buffer, int index) {
    int base = index * size;
    return new Kevent(
        buffer.getLong(base + IDENT_OFFSET),
        buffer.getShort(base + FILTER_OFFSET),
        Short.toUnsignedInt(buffer.getShort(base + FLAGS_OFFSET)),
        buffer.getInt(base + FFLAGS_OFFSET),
        buffer.getLong(base + DATA_OFFSET),
        buffer.getLong(base + UDATA_OFFSET));
  }
}
