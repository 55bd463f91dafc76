package io.gtfc.domain;

import org.immutables.value.Value;

/** One version of one file as a commit records it: its content id and whether it is executable. */
@Value.Immutable
public abstract class FileVersion {
  /** The content's id in the store (a git blob id); equal ids mean equal bytes. */
  @Value.Parameter
  public abstract String contentId();

  @Value.Parameter
  public abstract boolean executable();

  /** Binary content is never merged line by line; the store decides (e.g. a NUL byte near the start). */
  @Value.Parameter
  public abstract boolean binary();

  public static FileVersion of(String contentId, boolean executable, boolean binary) {
    return ImmutableFileVersion.of(contentId, executable, binary);
  }

  boolean sameContent(FileVersion other) {
    return other != null && contentId().equals(other.contentId());
  }
}
