package io.gtfc.ports;

import io.gtfc.domain.RelativePath;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * Looks at a folder's root on disk, for the deletion guard: is it there, is it still the same
 * file system it was (not an empty mount point left by an unmounted disk), is it empty. Reads
 * only; thread-safe.
 */
public interface FolderProbe {

  /** The state of the folder root now. Never throws for a missing folder: that is a state. */
  RootState root(FolderLayout folder);

  /** How many of {@code paths} do not exist in the working tree. */
  int missing(FolderLayout folder, Collection<RelativePath> paths);

  /** The bytes this process may still write on the folder's file system; empty when it cannot be told. */
  default OptionalLong usableSpace(FolderLayout folder) {
    return OptionalLong.empty();
  }

  /** What the guard needs to know about a folder root. */
  record RootState(boolean present, boolean sameDevice, boolean empty) {}
}
