package io.gtfc.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InotifyLimitsTest {
  private static final Path SHARE = Path.of("/srv/share");

  @Test
  void tooManyDirectoriesNameTheSysctlItsValueAndTheNeed() {
    assertThat(InotifyLimits.outOfWatches(SHARE, 12_000, OptionalLong.of(8192)))
        .isEqualTo(
            "cannot watch /srv/share: it has 12000 directories but fs.inotify.max_user_watches is"
                + " 8192; raise it with: sudo sysctl fs.inotify.max_user_watches=524288");
  }

  @Test
  void theSuggestionLeavesRoomWhenTheFolderIsHuge() {
    assertThat(InotifyLimits.outOfWatches(SHARE, 600_000, OptionalLong.of(524_288)))
        .endsWith("sudo sysctl fs.inotify.max_user_watches=2097152");
  }

  @Test
  void watchesHeldByOtherProgramsAreSaidToBeTheCause() {
    assertThat(InotifyLimits.outOfWatches(SHARE, 1, OptionalLong.of(8192)))
        .isEqualTo(
            "cannot watch /srv/share: it has 1 directory but other programs hold most of the 8192"
                + " watches fs.inotify.max_user_watches allows; raise it with: sudo sysctl"
                + " fs.inotify.max_user_watches=524288");
  }

  @Test
  void anUnreadableLimitStillNamesTheSysctl() {
    assertThat(InotifyLimits.outOfWatches(SHARE, 40, OptionalLong.empty()))
        .contains("it has 40 directories")
        .contains("fs.inotify.max_user_watches=524288")
        .doesNotContain("\n");
  }

  @Test
  void runningOutOfInstancesNamesMaxUserInstances() {
    assertThat(InotifyLimits.outOfInstances(SHARE, OptionalLong.of(128)))
        .isEqualTo(
            "cannot watch /srv/share: all 128 inotify instances fs.inotify.max_user_instances"
                + " allows are in use or this process is out of file descriptors; raise it with:"
                + " sudo sysctl fs.inotify.max_user_instances=1024");
  }

  @Test
  void limitsAreReadFromTheKernelSettings(@TempDir Path settings) throws Exception {
    Files.writeString(settings.resolve("max_user_watches"), "8192\n");

    InotifyLimits limits = new InotifyLimits(settings);

    assertThat(limits.maxUserWatches()).hasValue(8192);
    assertThat(limits.maxUserInstances()).isEmpty();
  }

  @Test
  void theKernelsOwnLimitsAreReadWhole() {
    InotifyLimits kernel = new InotifyLimits(InotifyLimits.KERNEL_SETTINGS);
    assumeThat(Files.isReadable(InotifyLimits.KERNEL_SETTINGS.resolve("max_user_watches")))
        .isTrue();

    // a sysctl read piecemeal comes back as its first digit
    assertThat(kernel.maxUserWatches().orElseThrow()).isGreaterThanOrEqualTo(16);
    assertThat(kernel.maxUserInstances().orElseThrow()).isGreaterThanOrEqualTo(16);
  }

  @Test
  void capacityCountsTheFoldersDirectoriesAgainstTheWatchLimitItReads(@TempDir Path temp) throws Exception {
    Path settings = Files.createDirectories(temp.resolve("proc-sys-fs-inotify"));
    Files.writeString(settings.resolve("max_user_watches"), "4\n");
    Path folder = Files.createDirectories(temp.resolve("share/a/b/c"));
    Files.createDirectories(temp.resolve("share/d"));
    Files.writeString(folder.resolve("file.txt"), "not a directory");

    io.gtfc.ports.FolderWatcher.Capacity capacity =
        new InotifyFolderWatcher(settings).capacity(temp.resolve("share")).orElseThrow();

    assertThat(capacity.limit()).isEqualTo("fs.inotify.max_user_watches");
    assertThat(capacity.allowed()).isEqualTo(4);
    assertThat(capacity.needed()).isEqualTo(5);
    assertThat(capacity.enough()).isFalse();
    assertThat(capacity.raise()).startsWith("sudo sysctl fs.inotify.max_user_watches=524288");
  }

  @Test
  void noCapacityWhenTheLimitCannotBeRead(@TempDir Path temp) {
    assertThat(new InotifyFolderWatcher(temp.resolve("nowhere")).capacity(temp)).isEmpty();
  }
}
