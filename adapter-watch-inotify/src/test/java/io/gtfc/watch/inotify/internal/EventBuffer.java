package io.gtfc.watch.inotify.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds the bytes a kernel read would return, so parsing and translation run without one. */
public final class EventBuffer {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** Appends one event, its name NUL-padded to a multiple of 16 bytes as the kernel does. */
  public EventBuffer add(int wd, int mask, int cookie, String name) {
    byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
    int padded = name.isEmpty() ? 0 : (encoded.length / 16 + 1) * 16;
    ByteBuffer event =
        ByteBuffer.allocate(InotifyEvent.HEADER_BYTES + padded).order(ByteOrder.nativeOrder());
    event.putInt(wd).putInt(mask).putInt(cookie).putInt(padded).put(encoded);
    bytes.writeBytes(event.array());
    return this;
  }

  public byte[] bytes() {
    return bytes.toByteArray();
  }

  public List<InotifyEvent> parsed() {
    byte[] all = bytes();
    return InotifyEvent.parse(all, 0, all.length, StandardCharsets.UTF_8);
  }
}
