package io.gtfc.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.contracts.FolderProbeContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

  /** Device numbers as a test sets them: the folder's and its parent's. */
  private final Map<Path, Object> devices = new HashMap<>();

  private final DiskFolderProbe simulated = new DiskFolderProbe(p -> Optional.ofNullable(devices.get(p)));

  private FolderLayout folderWithAFile() {
    FolderLayout f = folder();
    write(f, RelativePath.of("a.txt"));
    return f;
  }

  private void devices(FolderLayout f, Object folder, Object parent) {
    devices.put(f.folder().toAbsolutePath(), folder);
    devices.put(f.folder().toAbsolutePath().getParent(), parent);
  }

  @Test
  void aFolderOnItsParentsDeviceStaysItselfWhenDeviceNumbersChangeAfterAReboot() {
    FolderLayout f = folderWithAFile();
    devices(f, 2049L, 2049L);
    assertThat(simulated.root(f).sameDevice()).isTrue();

    devices(f, 66L, 66L);

    assertThat(simulated.root(f).sameDevice()).isTrue();
  }

  @Test
  void aMountedFolderThatIsUnmountedIsOnAnotherDevice() {
    FolderLayout f = folderWithAFile();
    devices(f, 2065L, 2049L);
    assertThat(simulated.root(f).sameDevice()).isTrue();

    devices(f, 2049L, 2049L);
    assertThat(simulated.root(f).sameDevice()).isFalse();

    devices(f, 2081L, 2050L);
    assertThat(simulated.root(f).sameDevice()).as("mounted again, under new numbers").isTrue();
  }

  @Test
  void somethingMountedOverAPlainFolderIsOnAnotherDevice() {
    FolderLayout f = folderWithAFile();
    devices(f, 2049L, 2049L);
    assertThat(simulated.root(f).sameDevice()).isTrue();

    devices(f, 2065L, 2049L);

    assertThat(simulated.root(f).sameDevice()).isFalse();
  }

  @Test
  void aDeviceNumberPinnedByAnEarlierVersionIsForgottenNotHeldAgainstTheFolder() throws IOException {
    FolderLayout f = folderWithAFile();
    Files.writeString(f.gitDir().resolve("gtfc-device"), "12345");

    assertThat(probe.root(f).sameDevice()).isTrue();
    assertThat(f.gitDir().resolve("gtfc-device")).doesNotExist();
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
