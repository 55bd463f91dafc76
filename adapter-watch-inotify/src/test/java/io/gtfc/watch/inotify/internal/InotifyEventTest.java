package io.gtfc.watch.inotify.internal;

import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_CREATE;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_IGNORED;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_ISDIR;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVED_FROM;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_MOVED_TO;
import static io.gtfc.watch.inotify.internal.InotifyEvent.IN_Q_OVERFLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InotifyEventTest {

  @Test
  void eventsAreReadInOrderWithTheirPaddedNamesTrimmed() {
    byte[] buffer =
        new EventBuffer()
            .add(1, IN_CREATE | IN_ISDIR, 0, "photos")
            .add(1, IN_MOVED_FROM, 77, "a name of exactly 16")
            .add(2, IN_MOVED_TO, 77, "été.txt")
            .add(2, IN_IGNORED, 0, "")
            .add(-1, IN_Q_OVERFLOW, 0, "")
            .bytes();

    assertThat(InotifyEvent.parse(buffer, 0, buffer.length, StandardCharsets.UTF_8))
        .containsExactly(
            new InotifyEvent(1, IN_CREATE | IN_ISDIR, 0, "photos"),
            new InotifyEvent(1, IN_MOVED_FROM, 77, "a name of exactly 16"),
            new InotifyEvent(2, IN_MOVED_TO, 77, "été.txt"),
            new InotifyEvent(2, IN_IGNORED, 0, ""),
            new InotifyEvent(-1, IN_Q_OVERFLOW, 0, ""));
  }

  @Test
  void onlyTheGivenRangeIsRead() {
    byte[] first = new EventBuffer().add(3, IN_CREATE, 0, "x").bytes();
    byte[] buffer = Arrays.copyOf(first, first.length * 3);
    System.arraycopy(first, 0, buffer, first.length, first.length);

    assertThat(InotifyEvent.parse(buffer, first.length, first.length, StandardCharsets.UTF_8))
        .containsExactly(new InotifyEvent(3, IN_CREATE, 0, "x"));
  }

  @Test
  void aTruncatedEventIsRefused() {
    byte[] buffer = new EventBuffer().add(3, IN_CREATE, 0, "truncated").bytes();

    assertThatThrownBy(
            () -> InotifyEvent.parse(buffer, 0, buffer.length - 1, StandardCharsets.UTF_8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InotifyEvent.parse(buffer, 0, 10, StandardCharsets.UTF_8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void flagsAreTestedOnTheMask() {
    InotifyEvent event = new InotifyEvent(1, IN_CREATE | IN_ISDIR, 0, "d");

    assertThat(event.is(IN_ISDIR)).isTrue();
    assertThat(event.is(IN_MOVED_TO)).isFalse();
  }
}
