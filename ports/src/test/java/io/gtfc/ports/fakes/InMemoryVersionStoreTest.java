package io.gtfc.ports.fakes;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import io.gtfc.ports.contracts.VersionStoreContract;
import java.nio.file.Path;
import java.util.Optional;

class InMemoryVersionStoreTest extends VersionStoreContract {
  private InMemoryVersionStores disk;

  @Override
  protected VersionStores stores(Path tempDir) {
    disk = new InMemoryVersionStores();
    return disk;
  }

  @Override
  protected void writeInWorkingTree(FolderLayout folder, RelativePath path, byte[] content) {
    disk.writeInWorkingTree(folder, path, content);
  }

  @Override
  protected void deleteInWorkingTree(FolderLayout folder, RelativePath path) {
    disk.deleteInWorkingTree(folder, path);
  }

  @Override
  protected Optional<byte[]> readInWorkingTree(FolderLayout folder, RelativePath path) {
    return disk.readInWorkingTree(folder, path);
  }

  @Override
  protected void deliver(VersionStore from, NodeId sender, VersionStore to) {
    ((InMemoryVersionStore) to).receive(sender, (InMemoryVersionStore) from);
  }
}
