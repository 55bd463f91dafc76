package io.gtfc.watch.kqueue.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The constants of each platform, as its headers define them. */
class PlatformTest {

  @Test
  void detectsThePlatformFromTheJvmsOsName() {
    assertThat(Platform.fromOsName("FreeBSD")).contains(Platform.FREEBSD);
    assertThat(Platform.fromOsName("Mac OS X")).contains(Platform.MACOS);
    assertThat(Platform.fromOsName("Linux")).isEmpty();
    assertThat(Platform.fromOsName("Windows 11")).isEmpty();
  }

  @Test
  void eachPlatformHasItsKeventLayout() {
    assertThat(Platform.FREEBSD.layout()).isEqualTo(KeventLayout.FREEBSD_12);
    assertThat(Platform.MACOS.layout()).isEqualTo(KeventLayout.MACOS);
  }

  /** FreeBSD sys/sys/event.h, sys/sys/fcntl.h and sys/sys/errno.h. */
  @Test
  void freeBsdConstantsAreThoseOfItsHeaders() {
    NativeConstants c = Platform.FREEBSD.constants();

    assertThat(c.evfiltVnode()).isEqualTo((short) -4);
    assertThat(c.evfiltUser()).isEqualTo((short) -11);
    assertSharedKeventValues(c);
    assertThat(c.oRdonly()).isEqualTo(0x0000);
    assertThat(c.oEvtonly()).isZero();
    assertThat(c.oCloexec()).isEqualTo(0x00100000);
    assertThat(c.oDirectory()).isEqualTo(0x00020000);
    assertSharedErrnoValues(c);
  }

  /** xnu bsd/sys/event.h, bsd/sys/fcntl.h and bsd/sys/errno.h. */
  @Test
  void macOsConstantsAreThoseOfItsHeaders() {
    NativeConstants c = Platform.MACOS.constants();

    assertThat(c.evfiltVnode()).isEqualTo((short) -4);
    assertThat(c.evfiltUser()).isEqualTo((short) -10);
    assertSharedKeventValues(c);
    assertThat(c.oRdonly()).isEqualTo(0x0000);
    assertThat(c.oEvtonly()).isEqualTo(0x8000);
    assertThat(c.oCloexec()).isEqualTo(0x01000000);
    assertThat(c.oDirectory()).isEqualTo(0x00100000);
    assertSharedErrnoValues(c);
  }

  @Test
  void freeBsdOpensReadOnlyAndCloseOnExec() {
    assertThat(Platform.FREEBSD.openFlags(false)).isEqualTo(0x00100000);
    assertThat(Platform.FREEBSD.openFlags(true)).isEqualTo(0x00120000);
  }

  @Test
  void macOsOpensForEventsOnlyAndCloseOnExec() {
    assertThat(Platform.MACOS.openFlags(false)).isEqualTo(0x01008000);
    assertThat(Platform.MACOS.openFlags(true)).isEqualTo(0x01108000);
  }

  @Test
  void watchesEveryVnodeNote() {
    assertThat(Platform.FREEBSD.constants().allVnodeNotes()).isEqualTo(0x7f);
    assertThat(Platform.MACOS.constants().allVnodeNotes()).isEqualTo(0x7f);
  }

  private static void assertSharedKeventValues(NativeConstants c) {
    assertThat(c.evAdd()).isEqualTo(0x0001);
    assertThat(c.evDelete()).isEqualTo(0x0002);
    assertThat(c.evEnable()).isEqualTo(0x0004);
    assertThat(c.evClear()).isEqualTo(0x0020);
    assertThat(c.evError()).isEqualTo(0x4000);
    assertThat(c.noteDelete()).isEqualTo(0x0001);
    assertThat(c.noteWrite()).isEqualTo(0x0002);
    assertThat(c.noteExtend()).isEqualTo(0x0004);
    assertThat(c.noteAttrib()).isEqualTo(0x0008);
    assertThat(c.noteLink()).isEqualTo(0x0010);
    assertThat(c.noteRename()).isEqualTo(0x0020);
    assertThat(c.noteRevoke()).isEqualTo(0x0040);
    assertThat(c.noteTrigger()).isEqualTo(0x01000000);
  }

  private static void assertSharedErrnoValues(NativeConstants c) {
    assertThat(c.enoent()).isEqualTo(2);
    assertThat(c.eintr()).isEqualTo(4);
    assertThat(c.enfile()).isEqualTo(23);
    assertThat(c.emfile()).isEqualTo(24);
  }
}
