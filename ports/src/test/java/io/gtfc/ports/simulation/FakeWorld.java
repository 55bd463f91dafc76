package io.gtfc.ports.simulation;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import io.gtfc.ports.fakes.InMemoryVersionStore;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.util.Optional;

/** The in-memory world: thousands of simulated clusters a minute. */
public final class FakeWorld implements StoreWorld {
  private final InMemoryVersionStores stores = new InMemoryVersionStores();

  @Override
  public VersionStores stores() {
    return stores;
  }

  @Override
  public FolderLayout folder(String name) {
    return FolderLayout.of(Path.of("/simulated", name, "share"));
  }

  @Override
  public void write(FolderLayout folder, RelativePath path, byte[] content) {
    stores.writeInWorkingTree(folder, path, content);
  }

  @Override
  public void delete(FolderLayout folder, RelativePath path) {
    stores.deleteInWorkingTree(folder, path);
  }

  @Override
  public Optional<byte[]> read(FolderLayout folder, RelativePath path) {
    return stores.readInWorkingTree(folder, path);
  }

  @Override
  public void deliver(VersionStore from, NodeId sender, VersionStore to) {
    ((InMemoryVersionStore) to).receive(sender, (InMemoryVersionStore) from);
  }
}
