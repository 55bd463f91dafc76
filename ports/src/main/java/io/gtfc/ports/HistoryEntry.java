package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/** One commit of the folder's history as a person reads it. */
@Value.Immutable
public abstract class HistoryEntry {
  public abstract Revision revision();

  /** The node that made the commit (its author name). */
  public abstract String author();

  public abstract Instant when();

  public abstract String message();

  /** The commit's parents, first parent first: none for the first commit, two for a merge. */
  public abstract List<Revision> parents();

  /** The files this commit changed against its first parent (all files for a root commit). */
  public abstract List<RelativePath> paths();

  public static ImmutableHistoryEntry.Builder builder() {
    return ImmutableHistoryEntry.builder();
  }

  public boolean merge() {
    return parents().size() > 1;
  }

  /** Convenience for authors that are gtfc nodes. */
  public boolean by(NodeId node) {
    return author().equals(node.value());
  }
}
