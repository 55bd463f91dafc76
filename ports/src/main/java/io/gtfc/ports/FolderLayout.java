package io.gtfc.ports;

import java.nio.file.Path;
import org.immutables.value.Value;

/**
 * Where a synced folder and its git directory live. The git directory sits beside the folder as
 * {@code .git.NAME}, so watchers and users never see it; a {@code .git} file inside the folder
 * points to it, so {@code git log} still works there.
 */
@Value.Immutable
public abstract class FolderLayout {
  /** The synced folder, absolute and normalized. */
  @Value.Parameter
  public abstract Path folder();

  /** The git directory: {@code PARENT/.git.NAME}. */
  @Value.Derived
  public Path gitDir() {
    return folder().resolveSibling(".git." + folder().getFileName());
  }

  /** The {@code .git} file inside the folder that names {@link #gitDir()}. */
  @Value.Derived
  public Path gitFile() {
    return folder().resolve(".git");
  }

  public static FolderLayout of(Path folder) {
    Path normalized = folder.toAbsolutePath().normalize();
    if (normalized.getParent() == null) {
      throw new GtfcException(Problem.BAD_INPUT,
          "'" + folder + "' is a file system root: give gtfc a folder inside it, e.g. /srv/share");
    }
    return ImmutableFolderLayout.of(normalized);
  }

  @Override
  public String toString() {
    return folder().toString();
  }
}
