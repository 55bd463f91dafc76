package io.gtfc.watch.kqueue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNA binding of open() and close(), which every Unix has with O_RDONLY 0 and ENOENT 2, so
 * it runs on Linux too; kqueue() and kevent() exist only where the real-kqueue tests run.
 */
@DisabledOnOs(OS.WINDOWS)
class NativeKernelTest {
  private static final int O_RDONLY = 0;
  private static final int ENOENT = 2;

  @TempDir Path folder;

  @Test
  void opensAndClosesThroughTheCLibrary() throws Exception {
    Path file = Files.writeString(folder.resolve("ünïcode.txt"), "x");
    NativeKernel kernel = NativeKernel.load(Platform.FREEBSD);

    int descriptor = kernel.open(file, O_RDONLY);
    kernel.close(descriptor);

    assertThat(descriptor).isGreaterThan(2);
  }

  @Test
  void reportsTheErrnoOfAFailedOpen() {
    NativeKernel kernel = NativeKernel.load(Platform.FREEBSD);

    assertThatThrownBy(() -> kernel.open(folder.resolve("missing"), O_RDONLY))
        .isInstanceOfSatisfying(
            SystemCallFailed.class,
            failure -> {
              assertThat(failure.call()).isEqualTo("open");
              assertThat(failure.errno()).isEqualTo(ENOENT);
            });
  }
}
