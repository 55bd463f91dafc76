package io.gtfc.domain;

import java.time.Instant;
import java.util.Map;
import org.immutables.value.Value;

/**
 * One side of a merge: the tip commit, who made it and when, the files of its tree, and who made
 * the versions of the paths that both sides changed.
 */
@Value.Immutable
public abstract class MergeSide {
  public abstract Revision revision();

  /** The node that made the tip commit. */
  public abstract NodeId node();

  /** The tip commit's time. */
  public abstract Instant time();

  public abstract Map<RelativePath, FileVersion> files();

  /**
   * Who made this side's version of a path, and when: the commit that last changed the path, a
   * merge followed into the parent it took the version from. The store fills it in for the paths
   * both sides changed (the only ones that can conflict); any other path is attributed to
   * {@link #node()} at {@link #time()}.
   */
  public abstract Map<RelativePath, Edit> edits();

  /** The edit behind this side's version of {@code path}. */
  public Edit editOf(RelativePath path) {
    Edit edit = edits().get(path);
    return edit != null ? edit : Edit.of(node(), time());
  }

  /**
   * The {@link MemberDirectory#rank()} of this side's {@code .gtfc/} directory; the store reads it
   * so that a merge of two different member lists keeps the higher one whole. Empty when the side
   * has no member files.
   */
  @Value.Default
  public String memberRank() {
    return "";
  }

  public static ImmutableMergeSide.Builder builder() {
    return ImmutableMergeSide.builder();
  }

  /**
   * Whether this side wins a conflict against {@code other}: the later commit wins, then the
   * greater node id, then the greater revision id, so every node picks the same winner.
   */
  public boolean beats(MergeSide other) {
    int byTime = time().compareTo(other.time());
    if (byTime != 0) {
      return byTime > 0;
    }
    int byNode = node().compareTo(other.node());
    if (byNode != 0) {
      return byNode > 0;
    }
    return revision().id().compareTo(other.revision().id()) > 0;
  }

  /** One edit of a file: the node that made it and its commit time. */
  @Value.Immutable
  public abstract static class Edit {
    @Value.Parameter
    public abstract NodeId node();

    @Value.Parameter
    public abstract Instant time();

    public static Edit of(NodeId node, Instant time) {
      return ImmutableEdit.of(node, time);
    }
  }
}
