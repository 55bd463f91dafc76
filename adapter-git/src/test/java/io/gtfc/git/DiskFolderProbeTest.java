package io.gtfc.git;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.contracts.FolderProbeContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

class DiskFolderProbeTest extends FolderProbeContract {
  @TempDir
  Path temp;

  private final DiskFolderProbe probe = new DiskFolderProbe();
  private int n;

  @Override
  protected FolderLayout folder() {
    FolderLayout f = FolderLayout.of(temp.resolve("f" + (n++)).resolve("share"));
    new JGitVersionStores().create(f).close();
    return f;
  }

  @Override
  protected FolderProbe probe() {
    return probe;
  }

  @Override
  protected void write(FolderLayout folder, RelativePath path) {
    try {
      Path file = folder.folder().resolve(path.value());
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {1});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void removeFolder(FolderLayout folder) {
    try (Stream<Path> all = Files.walk(folder.folder())) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
