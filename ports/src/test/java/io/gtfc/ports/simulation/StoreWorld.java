package io.gtfc.ports.simulation;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.util.Optional;

/**
 * What a cluster simulation needs from a kind of store: the stores themselves, a way to edit a
 * working tree as a user would, and a way to carry one node's branch into another's inbox as a
 * transport would. The in-memory fake and the JGit store each provide one.
 */
public interface StoreWorld {
  VersionStores stores();

  /** The folder of node {@code name}. */
  FolderLayout folder(String name);

  void write(FolderLayout folder, RelativePath path, byte[] content);

  void delete(FolderLayout folder, RelativePath path);

  Optional<byte[]> read(FolderLayout folder, RelativePath path);

  /** Puts {@code from}'s working branch into {@code to}'s inbox for {@code sender}. */
  void deliver(VersionStore from, NodeId sender, VersionStore to);
}
