package io.gtfc.watch.poll;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.FolderWatcher.Watch;
import io.gtfc.ports.contracts.FolderWatcherContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // a watch opened in try-with-resources runs unreferenced until closed
class PollingFolderWatcherTest extends FolderWatcherContract {
  private static final Duration RESCAN = Duration.ofMillis(200);

  @Override
  protected FolderWatcher watcher() {
    return new PollingFolderWatcher(RESCAN);
  }

  @Override
  protected Duration quietPeriod() {
    return RESCAN.multipliedBy(3);
  }

  @Test
  void aFileReplacedByADirectoryIsDeletedThenCreated() throws Exception {
    Path path = Files.writeString(folder.resolve("thing"), "a file");
    try (Recorder recorder = new Recorder();
        Watch watch = watch(recorder)) {
      Files.delete(path);
      Files.createDirectories(path.resolve("inside"));

      recorder.awaitChange("thing/inside", Kind.CREATED);
      recorder.awaitChange("thing", Kind.DELETED);
      recorder.awaitChange("thing", Kind.CREATED);
    }
  }

  @Test
  void theRescanIntervalMustBePositive() {
    assertThatThrownBy(() -> new PollingFolderWatcher(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
