package io.gtfc.usecases;

import io.gtfc.domain.NodeId;
import io.gtfc.ports.FolderLayout;
import java.util.Optional;
import org.immutables.value.Value;

/** What a wipe deleted, and whether the cluster still lists this node. */
@Value.Immutable
public abstract class WipeReport {
  /** The gtfc folder whose git directory (and with {@link #filesDeleted()} files) went. */
  public abstract Optional<FolderLayout> folder();

  public abstract boolean filesDeleted();

  public abstract boolean keysDeleted();

  /**
   * The name the cluster's member list still gave this node when it was wiped: the others keep
   * listing its (now deleted) key until an admin runs {@code gtfc remove}.
   */
  public abstract Optional<NodeId> stillMember();
}
