package io.gtfc.watch.inotify.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code struct inotify_event}: the watch it came from, what happened, the cookie that pairs
 * the two halves of a rename, and the name of the child (empty for the watched directory itself).
 */
public record InotifyEvent(int wd, int mask, int cookie, String name) {

  public static final int IN_MODIFY = 0x2;
  public static final int IN_ATTRIB = 0x4;
  public static final int IN_CLOSE_WRITE = 0x8;
  public static final int IN_MOVED_FROM = 0x40;
  public static final int IN_MOVED_TO = 0x80;
  public static final int IN_CREATE = 0x100;
  public static final int IN_DELETE = 0x200;
  public static final int IN_DELETE_SELF = 0x400;
  public static final int IN_MOVE_SELF = 0x800;
  public static final int IN_UNMOUNT = 0x2000;
  public static final int IN_Q_OVERFLOW = 0x4000;
  public static final int IN_IGNORED = 0x8000;
  public static final int IN_ONLYDIR = 0x0100_0000;
  public static final int IN_DONTFOLLOW = 0x0200_0000;
  public static final int IN_EXCL_UNLINK = 0x0400_0000;
  public static final int IN_ISDIR = 0x4000_0000;

  /** Fixed part of the struct: wd, mask, cookie, len. */
  public static final int HEADER_BYTES = 16;

  public boolean is(int flag) {
    return (mask & flag) != 0;
  }

  /**
   * Reads the events the kernel wrote into {@code buffer[offset, offset + length)}, in native byte
   * order; names are NUL-padded to {@code len} bytes and decoded with {@code fileNames}.
   *
   * @throws IllegalArgumentException when the bytes end inside an event
   */
  public static List<InotifyEvent> parse(byte[] buffer, int offset, int length, Charset fileNames) {
    ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length).order(ByteOrder.nativeOrder());
    List<InotifyEvent> events = new ArrayList<>();
    while (bytes.hasRemaining()) {
      if (bytes.remaining() < HEADER_BYTES) {
        throw new IllegalArgumentException(
            "inotify buffer ends inside an event header: " + bytes.remaining() + " bytes left");
      }
      int wd = bytes.getInt();
      int mask = bytes.getInt();
      int cookie = bytes.getInt();
      int nameBytes = bytes.getInt();
      if (nameBytes < 0 || nameBytes > bytes.remaining()) {
        throw new IllegalArgumentException(
            "inotify event names "
                + nameBytes
                + " bytes but only "
                + bytes.remaining()
                + " remain");
      }
      int start = bytes.position();
      int end = start;
      while (end < start + nameBytes && buffer[end] != 0) {
        end++;
      }
      String name = new String(buffer, start, end - start, fileNames);
      bytes.position(start + nameBytes);
      events.add(new InotifyEvent(wd, mask, cookie, name));
    }
    return events;
  }
}
