package io.gtfc.ports.fakes;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A fake {@link VersionStores} that keeps folders, working trees and histories in memory. One
 * instance plays one machine's disk: working trees outlive {@link #forget}, as user files do, and
 * stores opened on the same folder share its history and lock.
 */
public final class InMemoryVersionStores implements VersionStores {
  private final Map<Path, SortedMap<RelativePath, byte[]>> workingTrees = new HashMap<>();
  private final Map<Path, InMemoryHistory> histories = new HashMap<>();

  @Override
  public synchronized VersionStore create(FolderLayout layout) {
    if (histories.containsKey(layout.folder())) {
      throw new GtfcException(Problem.BAD_STATE, "'" + layout + "' is already a gtfc folder");
    }
    InMemoryHistory history = new InMemoryHistory();
    histories.put(layout.folder(), history);
    workingTree(layout);
    return new InMemoryVersionStore(this, layout, history);
  }

  @Override
  public synchronized VersionStore open(FolderLayout layout) {
    InMemoryHistory history = histories.get(layout.folder());
    if (history == null) {
      throw new GtfcException(Problem.BAD_STATE, "'" + layout + "' is not a gtfc folder");
    }
    return new InMemoryVersionStore(this, layout, history);
  }

  @Override
  public synchronized boolean exists(FolderLayout layout) {
    return histories.containsKey(layout.folder());
  }

  @Override
  public synchronized Optional<FolderLayout> find(Path start) {
    for (Path p = start.toAbsolutePath().normalize(); p != null && p.getParent() != null;
        p = p.getParent()) {
      if (histories.containsKey(p)) {
        return Optional.of(FolderLayout.of(p));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized void forget(FolderLayout layout) {
    histories.remove(layout.folder());
  }

  @Override
  public synchronized void delete(FolderLayout layout) {
    if (!histories.containsKey(layout.folder())) {
      if (!workingTree(layout).isEmpty()) {
        throw new GtfcException(Problem.BAD_STATE, "'" + layout + "' is not a gtfc folder");
      }
      return;
    }
    histories.remove(layout.folder());
    workingTrees.remove(layout.folder());
  }

  /** Edits a working tree as a user would, behind the store's back; works before create and after forget. */
  public synchronized void writeInWorkingTree(FolderLayout layout, RelativePath path, byte[] content) {
    workingTree(layout).put(path, content.clone());
  }

  /** Deletes a file from a working tree as a user would. */
  public synchronized void deleteInWorkingTree(FolderLayout layout, RelativePath path) {
    workingTree(layout).remove(path);
  }

  /** Whether a working tree holds no file at all. */
  public synchronized boolean workingTreeIsEmpty(FolderLayout layout) {
    return workingTree(layout).isEmpty();
  }

  /** A file of a working tree; empty when it does not exist. */
  public synchronized Optional<byte[]> readInWorkingTree(FolderLayout layout, RelativePath path) {
    return Optional.ofNullable(workingTree(layout).get(path)).map(byte[]::clone);
  }

  /** Callers hold this object's monitor. */
  SortedMap<RelativePath, byte[]> workingTree(FolderLayout layout) {
    return workingTrees.computeIfAbsent(layout.folder(), folder -> new TreeMap<>());
  }
}
