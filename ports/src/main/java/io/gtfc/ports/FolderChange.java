package io.gtfc.ports;

import io.gtfc.domain.RelativePath;
import org.immutables.value.Value;

/** One change a {@link FolderWatcher} saw under a folder. */
@Value.Immutable
public abstract class FolderChange {
  /** What happened to the path. */
  public enum Kind {
    /** The path appeared (a new file or directory). */
    CREATED,
    /** A file's content is being written; more writes may follow before it is closed. */
    MODIFIED,
    /** A file opened for writing was closed: its content is complete. */
    WRITTEN,
    /** The path disappeared. */
    DELETED,
    /** The path was renamed away or moved out of the folder. */
    MOVED_AWAY,
    /** The path was renamed to here or moved into the folder (a directory's content is reported too). */
    MOVED_HERE,
    /** Permissions, owner or times changed. */
    ATTRIBUTES
  }

  @Value.Parameter
  public abstract RelativePath path();

  @Value.Parameter
  public abstract Kind kind();

  @Value.Parameter
  public abstract boolean directory();

  public static FolderChange of(RelativePath path, Kind kind, boolean directory) {
    return ImmutableFolderChange.of(path, kind, directory);
  }
}
