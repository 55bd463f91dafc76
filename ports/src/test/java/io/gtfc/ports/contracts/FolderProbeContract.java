package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link FolderProbe} must say about a folder root. */
public abstract class FolderProbeContract {
  /** A new gtfc folder (created, with no files in it). */
  protected abstract FolderLayout folder();

  protected abstract FolderProbe probe();

  protected abstract void write(FolderLayout folder, RelativePath path);

  /** Takes the folder away entirely, as an unmounted disk or an 'rm -rf' would. */
  protected abstract void removeFolder(FolderLayout folder);

  @Test
  void aFolderWithFilesIsPresentOnItsDeviceAndNotEmpty() {
    FolderLayout f = folder();
    write(f, RelativePath.of("a.txt"));
    assertThat(probe().root(f)).isEqualTo(new FolderProbe.RootState(true, true, false));
  }

  @Test
  void aFolderWithNoFilesIsEmpty() {
    FolderLayout f = folder();
    assertThat(probe().root(f).empty()).isTrue();
    assertThat(probe().root(f).present()).isTrue();
  }

  @Test
  void aFolderThatIsGoneIsNotPresent() {
    FolderLayout f = folder();
    write(f, RelativePath.of("a.txt"));
    removeFolder(f);
    assertThat(probe().root(f).present()).isFalse();
  }

  @Test
  void missingCountsThePathsThatDoNotExist() {
    FolderLayout f = folder();
    write(f, RelativePath.of("here.txt"));
    write(f, RelativePath.of("d/also.txt"));
    assertThat(probe().missing(f, List.of(RelativePath.of("here.txt"), RelativePath.of("d/also.txt"),
        RelativePath.of("gone.txt"), RelativePath.of("d/gone.txt")))).isEqualTo(2);
  }
}
