package io.gtfc.watch.kqueue;

import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.contracts.FolderWatcherContract;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The portable watcher contract through a real kqueue. It runs where kqueue exists (FreeBSD,
 * macOS); on Linux the kqueue logic is covered by KqueueFolderWatcherTest over a recorded kernel.
 */
@EnabledOnOs({OS.FREEBSD, OS.MAC})
class KqueueFolderWatcherContractTest extends FolderWatcherContract {
  @Override
  protected FolderWatcher watcher() {
    return new KqueueFolderWatcher();
  }
}
