package io.gtfc.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What a merge of two sides produces, path by path, before any content is read: the store
 * carries it out. Paths that need a line-by-line merge say so, together with what to do if that
 * merge fails (keep both), so the outcome is the same on every node.
 */
@Value.Immutable
public abstract class MergePlan {
  /** The file every path of the merged tree gets, except those in {@link #textMerges()}. */
  public abstract Map<RelativePath, FileVersion> files();

  /** Paths both sides edited as text: try a 3-way line merge; if it conflicts, apply its fallback. */
  public abstract List<TextMerge> textMerges();

  /** The conflicts resolved by keeping both versions, for reporting. */
  public abstract List<Conflict> conflicts();

  public static ImmutableMergePlan.Builder builder() {
    return ImmutableMergePlan.builder();
  }

  /** A path both sides changed as text, with its deterministic fallback. */
  @Value.Immutable
  public abstract static class TextMerge {
    public abstract RelativePath path();

    public abstract Optional<FileVersion> base();

    /** The side that wins if the line merge conflicts, and the version it keeps at the path. */
    public abstract FileVersion winner();

    public abstract FileVersion loser();

    /** Where the loser's version goes if the line merge conflicts. */
    public abstract RelativePath loserCopy();

    /** The node that made the loser's version, which the copy is named after. */
    public abstract NodeId loserNode();

    /** Whether the merged file is executable. */
    public abstract boolean executable();

    public static ImmutableTextMerge.Builder builder() {
      return ImmutableTextMerge.builder();
    }
  }

  /** One conflict kept as two files. */
  @Value.Immutable
  public abstract static class Conflict {
    @Value.Parameter
    public abstract RelativePath path();

    @Value.Parameter
    public abstract RelativePath copy();

    /** The node whose version went to the copy. */
    @Value.Parameter
    public abstract NodeId loser();

    public static Conflict of(RelativePath path, RelativePath copy, NodeId loser) {
      return ImmutableConflict.of(path, copy, loser);
    }
  }
}
