package io.gtfc.usecases;

import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reverts one batch of changes (one commit) as a new change committed here, which then syncs to
 * every node like any edit: each file the batch changed goes back to how it was just before it. By
 * default the batch is the last one this node made. A file changed again since then is not
 * overwritten unless forced (its later version stays in history either way). The cluster's own
 * files in {@code .gtfc/} are never reverted.
 */
public final class UndoChange {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final Clock clock;

  public UndoChange(VersionStores stores, NodeKeys keys, Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.clock = clock;
  }

  /** The batch undone, the files put back, and the commit that records it (empty if nothing changed). */
  public record Undone(HistoryEntry batch, List<RelativePath> reverted, Optional<Revision> committed) {}

  /**
   * @param revision a unique prefix of the commit to undo; empty for this node's last batch
   * @param force revert files even where later commits changed them again
   * @throws GtfcException BAD_INPUT for an unknown revision, a merge, or when this node made no
   *     change yet; REFUSED when later commits changed the same files and {@code force} is off
   */
  public Undone undo(Path folder, Optional<String> revision, boolean force) {
    try (NodeContext node = NodeContext.open(stores, keys, folder);
        FolderLock lock = node.store.lock()) {
      VersionStore store = node.store;
      store.commitPending(CommitSpec.of(node.self.id(), clock.instant(), "gtfc: local changes on " + node.self.id()));
      HistoryEntry batch = revision.map(r -> store.describe(Revisions.resolve(store, r)))
          .orElseGet(() -> Revisions.all(store).stream()
              .filter(e -> e.by(node.self.id()) && !e.merge())
              .findFirst()
              .orElseThrow(() -> new GtfcException(Problem.BAD_INPUT, "this node has made no change to undo yet:"
                  + " name one with --rev (see 'gtfc log')")));
      if (batch.merge()) {
        throw new GtfcException(Problem.BAD_INPUT, batch.revision().abbreviated() + " is a merge: undo the change it"
            + " brought in instead, by its own revision (see 'gtfc log')");
      }
      Optional<Revision> before = batch.parents().stream().findFirst();
      List<RelativePath> paths = batch.paths().stream().filter(p -> !p.startsWith(MemberFiles.DIRECTORY)).toList();
      List<RelativePath> changedSince = new ArrayList<>();
      for (RelativePath path : paths) {
        if (!same(store.readAtHead(path), store.readAt(path, batch.revision()))) {
          changedSince.add(path);
        }
      }
      if (!changedSince.isEmpty() && !force) {
        throw new GtfcException(Problem.REFUSED, "later changes touched " + names(changedSince)
            + " after " + batch.revision().abbreviated() + ": undoing would overwrite them (see 'gtfc log PATH');"
            + " add --force to undo anyway (the later versions stay in history)");
      }
      List<RelativePath> reverted = new ArrayList<>();
      for (RelativePath path : paths) {
        Optional<byte[]> old = before.flatMap(b -> store.readAt(path, b));
        if (same(old, store.readAtHead(path))) {
          continue;
        }
        if (old.isPresent()) {
          store.writeFile(path, old.get());
        } else {
          store.deleteFile(path);
        }
        reverted.add(path);
      }
      Optional<Revision> committed = reverted.isEmpty() ? Optional.empty()
          : store.commitPaths(reverted, CommitSpec.of(node.self.id(), clock.instant(),
              "gtfc: undo " + batch.revision().abbreviated() + " (" + reverted.size() + " file"
                  + (reverted.size() == 1 ? "" : "s") + ") on " + node.self.id()));
      return new Undone(batch, reverted, committed);
    }
  }

  private static boolean same(Optional<byte[]> a, Optional<byte[]> b) {
    return a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get()));
  }

  private static String names(List<RelativePath> paths) {
    return paths.stream().limit(5).map(RelativePath::value).collect(Collectors.joining(", "))
        + (paths.size() > 5 ? " and " + (paths.size() - 5) + " more" : "");
  }
}
