package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FakeFolderProbeTest extends FolderProbeContract {
  private final InMemoryVersionStores disk = new InMemoryVersionStores();
  private final FakeFolderProbe probe = new FakeFolderProbe(disk);
  private int n;

  @Override
  protected FolderLayout folder() {
    FolderLayout f = FolderLayout.of(Path.of("/fake/f" + (n++), "share"));
    disk.create(f).close();
    return f;
  }

  @Override
  protected FolderProbe probe() {
    return probe;
  }

  @Override
  protected void write(FolderLayout folder, RelativePath path) {
    disk.writeInWorkingTree(folder, path, new byte[] {1});
  }

  @Override
  protected void removeFolder(FolderLayout folder) {
    disk.forget(folder);
  }

  @Test
  void anUnpluggedDiskAndAnotherDeviceAreSeen() {
    FolderLayout f = folder();
    probe.moveToAnotherDevice();
    assertThat(probe.root(f).sameDevice()).isFalse();
    probe.unplug();
    assertThat(probe.root(f).present()).isFalse();
  }
}
