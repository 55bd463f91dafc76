package io.gtfc.watch.kqueue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The struct kevent layouts byte by byte, little-endian as on amd64 and arm64. */
class KeventLayoutTest {
  private static final Kevent SAMPLE =
      new Kevent(
          0x0102030405060708L, (short) -4, 0x8021, 0x8000007f, 0x1112131415161718L,
          0x2122232425262728L);

  @Test
  void freeBsd12KeventIs64BytesWithFourExtensionWords() {
    assertThat(KeventLayout.FREEBSD_12.size()).isEqualTo(64);
  }

  @Test
  void macOsKeventIs32Bytes() {
    assertThat(KeventLayout.MACOS.size()).isEqualTo(32);
  }

  @Test
  void fieldsSitAtTheOffsetsOfTheHeaders() {
    assertThat(KeventLayout.IDENT_OFFSET).isZero();
    assertThat(KeventLayout.FILTER_OFFSET).isEqualTo(8);
    assertThat(KeventLayout.FLAGS_OFFSET).isEqualTo(10);
    assertThat(KeventLayout.FFLAGS_OFFSET).isEqualTo(12);
    assertThat(KeventLayout.DATA_OFFSET).isEqualTo(16);
    assertThat(KeventLayout.UDATA_OFFSET).isEqualTo(24);
    assertThat(KeventLayout.EXT_OFFSET).isEqualTo(32);
  }

  @ParameterizedTest
  @EnumSource(KeventLayout.class)
  void encodesEachFieldAtItsOffsetLittleEndian(KeventLayout layout) {
    byte[] bytes = encode(layout, SAMPLE, 1);

    assertThat(bytes).hasSize(layout.size());
    assertThat(slice(bytes, 0, 8)).containsExactly(0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01);
    assertThat(slice(bytes, 8, 2)).as("filter -4").containsExactly(0xfc, 0xff);
    assertThat(slice(bytes, 10, 2)).as("flags 0x8021").containsExactly(0x21, 0x80);
    assertThat(slice(bytes, 12, 4)).as("fflags").containsExactly(0x7f, 0x00, 0x00, 0x80);
    assertThat(slice(bytes, 16, 8)).containsExactly(0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11);
    assertThat(slice(bytes, 24, 8)).containsExactly(0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21);
  }

  @Test
  void zeroesTheFreeBsdExtensionWordsAsEvSetDoes() {
    ByteBuffer buffer = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 64; i++) {
      buffer.put(i, (byte) 0xee);
    }

    KeventLayout.FREEBSD_12.encode(SAMPLE, buffer, 0);

    for (int i = 32; i < 64; i++) {
      assertThat(buffer.get(i)).as("ext byte %d", i).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(KeventLayout.class)
  void decodesWhatItEncodes(KeventLayout layout) {
    ByteBuffer buffer = ByteBuffer.allocate(layout.size() * 3).order(ByteOrder.LITTLE_ENDIAN);
    Kevent first = Kevent.of(5, (short) -4, 0x0021, 0x0002);
    Kevent third = Kevent.of(9, (short) -10, 0x0020, 0x01000000);

    layout.encode(first, buffer, 0);
    layout.encode(SAMPLE, buffer, 1);
    layout.encode(third, buffer, 2);

    assertThat(layout.decode(buffer, 0)).isEqualTo(first);
    assertThat(layout.decode(buffer, 1)).isEqualTo(SAMPLE);
    assertThat(layout.decode(buffer, 2)).isEqualTo(third);
  }

  @Test
  void decodesTheKernelsOwnBytes() {
    // A NOTE_WRITE|NOTE_EXTEND on descriptor 7 with EV_ADD|EV_CLEAR and ext[0] set by a filter.
    byte[] kernel = new byte[64];
    kernel[0] = 7;
    kernel[8] = (byte) 0xfc;
    kernel[9] = (byte) 0xff;
    kernel[10] = 0x21;
    kernel[12] = 0x06;
    kernel[32] = 0x55;

    Kevent event =
        KeventLayout.FREEBSD_12.decode(ByteBuffer.wrap(kernel).order(ByteOrder.LITTLE_ENDIAN), 0);

    assertThat(event).isEqualTo(new Kevent(7, (short) -4, 0x0021, 0x0006, 0, 0));
  }

  @Test
  void readsFlagsAsUnsigned() {
    Kevent eof = Kevent.of(3, (short) -4, 0x8000, 0);

    Kevent decoded = roundTrip(KeventLayout.MACOS, eof);

    assertThat(decoded.flags()).isEqualTo(0x8000);
  }

  private static Kevent roundTrip(KeventLayout layout, Kevent event) {
    ByteBuffer buffer = ByteBuffer.allocate(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
    layout.encode(event, buffer, 0);
    return layout.decode(buffer, 0);
  }

  /** Encodes {@code event} as element {@code index} and returns that element's bytes. */
  private static byte[] encode(KeventLayout layout, Kevent event, int index) {
    ByteBuffer buffer =
        ByteBuffer.allocate(layout.size() * (index + 1)).order(ByteOrder.LITTLE_ENDIAN);
    layout.encode(event, buffer, index);
    byte[] all = buffer.array();
    return Arrays.copyOfRange(all, index * layout.size(), (index + 1) * layout.size());
  }

  private static int[] slice(byte[] bytes, int offset, int length) {
    int[] unsigned = new int[length];
    for (int i = 0; i < length; i++) {
      unsigned[i] = Byte.toUnsignedInt(bytes[offset + i]);
    }
    return unsigned;
  }
}
