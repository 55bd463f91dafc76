package io.gtfc.watch.inotify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InotifyInstanceTest {
  @TempDir Path folder;

  @Test
  void aMissingDirectoryFailsWithItsErrno() throws Exception {
    try (InotifyInstance inotify = InotifyInstance.open(StandardCharsets.UTF_8)) {
      NativeError error =
          catchThrowableOfType(
              NativeError.class,
              () -> inotify.addWatch(folder.resolve("missing"), InotifyEvent.IN_CREATE));

      assertThat(error.errno()).isEqualTo(NativeError.ENOENT);
      assertThat(error).hasMessageContaining("inotify_add_watch").hasMessageContaining("missing");
    }
  }

  @Test
  void eventsAreReadAndAWakeUpEndsTheWait() throws Exception {
    try (InotifyInstance inotify = InotifyInstance.open(StandardCharsets.UTF_8)) {
      int wd = inotify.addWatch(folder, InotifyEvent.IN_CREATE);
      Files.createFile(folder.resolve("new"));
      byte[] buffer = new byte[4096];

      int length = inotify.read(buffer, 0, -1);
      assertThat(inotify.read(buffer, 0, 1)).isZero();
      inotify.wakeUp();

      assertThat(InotifyEvent.parse(buffer, 0, length, StandardCharsets.UTF_8))
          .containsExactly(new InotifyEvent(wd, InotifyEvent.IN_CREATE, 0, "new"));
      assertThat(inotify.read(buffer, 0, 0)).isZero();
      assertThat(inotify.read(buffer, 0, 1)).isEqualTo(-1);
      assertThat(inotify.read(buffer, 0, -1)).isEqualTo(-1);
    }
  }

  @Test
  void aSymbolicLinkIsNeverWatched() throws Exception {
    Path link = Files.createSymbolicLink(folder.resolve("link"), folder);
    try (InotifyInstance inotify = InotifyInstance.open(StandardCharsets.UTF_8)) {
      NativeError error =
          catchThrowableOfType(
              NativeError.class, () -> inotify.addWatch(link, InotifyEvent.IN_CREATE));

      assertThat(error.errno()).isEqualTo(NativeError.ENOTDIR);
    }
  }
}
