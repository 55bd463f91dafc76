package io.gtfc.usecases;

import io.gtfc.domain.MemberChanges;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Brings back any past version of a file as a new change, committed here; pushing it (or the
 * daemon) then syncs it like any edit. Nothing is overwritten for good: the version it replaces
 * stays in history too.
 */
public final class RestoreFile {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final Clock clock;
  private final FolderProbe probe;

  public RestoreFile(VersionStores stores, NodeKeys keys, Clock clock, FolderProbe probe) {
    this.stores = stores;
    this.keys = keys;
    this.clock = clock;
    this.probe = probe;
  }

  /** Which past version: a revision (a unique prefix of its id), a time, or the previous one. */
  public sealed interface At permits At.RevisionPrefix, At.Time, At.Previous {
    /** The version in a commit whose id starts with this prefix. */
    record RevisionPrefix(String prefix) implements At {}

    /** The version as it was at this instant. */
    record Time(Instant instant) implements At {}

    /** The newest version that differs from the file as it is now (also: a deleted file's last version). */
    record Previous() implements At {}
  }

  /** What was restored, from which commit, and the commit that records it (empty if nothing changed). */
  public record Restored(RelativePath path, Revision from, boolean deleted, Optional<Revision> committed) {}

  public Restored restore(Path folder, RelativePath path, At at) {
    if (path.startsWith(MemberFiles.DIRECTORY)) {
      throw new GtfcException(Problem.REFUSED, "the member list in " + MemberFiles.DIRECTORY
          + "/ is not restored like a file: " + MemberChanges.HOW);
    }
    try (NodeContext node = NodeContext.open(stores, keys, folder);
        FolderLock lock = node.store.lock()) {
      Optional<byte[]> current = node.store.readAtHead(path);
      Revision from = at instanceof At.Previous
          ? previous(node, path, current)
          : revision(node.store, at);
      Optional<byte[]> version = node.store.readAt(path, from);
      LocalEdits.commitUnlessHeld(node.store, probe, CommitSpec.of(node.self.id(), clock.instant(),
          "gtfc: local changes on " + node.self.id()));
      if (version.isPresent()) {
        node.store.writeFile(path, version.get());
      } else {
        node.store.deleteFile(path);
      }
      Optional<Revision> committed = node.store.commitPaths(List.of(path), CommitSpec.of(node.self.id(),
          clock.instant(), "gtfc: restore " + path + " as of " + from.abbreviated()));
      return new Restored(path, from, version.isEmpty(), committed);
    }
  }

  /** The commit a revision prefix or a time names. */
  static Revision revision(VersionStore store, At at) {
    if (at instanceof At.RevisionPrefix r) {
      return Revisions.resolve(store, r.prefix());
    }
    if (at instanceof At.Time t) {
      return store.revisionAt(t.instant()).orElseThrow(() -> new GtfcException(Problem.BAD_INPUT,
          "the folder has no commit at or before " + t.instant() + ": see 'gtfc log'"));
    }
    throw new GtfcException(Problem.BAD_INPUT, "say which version: a revision or a time");
  }

  private static Revision previous(NodeContext node, RelativePath path, Optional<byte[]> current) {
    for (HistoryEntry e : node.store.history(Optional.of(path), Integer.MAX_VALUE)) {
      Optional<byte[]> then = node.store.readAt(path, e.revision());
      if (then.isPresent() && (current.isEmpty() || !Arrays.equals(then.get(), current.get()))) {
        return e.revision();
      }
    }
    throw new GtfcException(Problem.BAD_INPUT, "the history of this folder holds no other version of " + path);
  }
}
