package io.gtfc.ports;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates and opens {@link VersionStore}s. Stateless and thread-safe.
 *
 * <p>Errors: {@link GtfcException} with {@link Problem#BAD_STATE} when the folder is (or is not)
 * a gtfc folder as the call requires, {@link Problem#ENVIRONMENT} when the disk refuses.
 */
public interface VersionStores {

  /**
   * Makes {@code layout.folder()} a gtfc folder with no commit yet: creates the folder if
   * missing, the git directory beside it with an unborn {@code main} branch, and the {@code .git}
   * file pointing to it. Existing files in the folder are left as they are (and become pending
   * changes).
   *
   * @throws GtfcException BAD_STATE if the folder is already a gtfc folder or the git directory exists
   */
  VersionStore create(FolderLayout layout);

  /**
   * Opens an existing gtfc folder.
   *
   * @throws GtfcException BAD_STATE if {@code layout.folder()} is not a gtfc folder
   */
  VersionStore open(FolderLayout layout);

  /** Whether {@code layout.folder()} is a gtfc folder (its git directory and {@code .git} file exist). */
  boolean exists(FolderLayout layout);

  /** The gtfc folder that is {@code start} or contains it; empty when there is none. */
  Optional<FolderLayout> find(Path start);

  /**
   * Removes the git directory and the {@code .git} file of a folder, never the user's files. Used
   * to undo a join that failed half-way. Nothing happens when they do not exist.
   */
  void forget(FolderLayout layout);

  /**
   * Deletes a gtfc folder with every file in it, then its git directory: {@code gtfc wipe --files}.
   * Nothing happens when the folder does not exist.
   *
   * @throws GtfcException BAD_STATE if the folder exists but is not a gtfc folder (its files are
   *     not gtfc's to delete), ENVIRONMENT when the disk refuses
   */
  void delete(FolderLayout layout);
}
