package io.gtfc.git;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import io.gtfc.ports.contracts.VersionStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

class JGitVersionStoreTest extends VersionStoreContract {

  @Override
  protected VersionStores stores(Path tempDir) {
    return new JGitVersionStores();
  }

  @Override
  protected void writeInWorkingTree(FolderLayout folder, RelativePath path, byte[] content) {
    try {
      Path file = folder.folder().resolve(path.value());
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void deleteInWorkingTree(FolderLayout folder, RelativePath path) {
    try {
      Files.delete(folder.folder().resolve(path.value()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<byte[]> readInWorkingTree(FolderLayout folder, RelativePath path) {
    Path file = folder.folder().resolve(path.value());
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void deliver(VersionStore from, NodeId sender, VersionStore to) {
    Deliveries.deliver(from.layout(), sender, to.layout());
  }
}
