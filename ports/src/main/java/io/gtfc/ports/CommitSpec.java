package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import java.time.Instant;
import org.immutables.value.Value;

/** Who makes a commit, when, and why: the use case decides, the store only records it. */
@Value.Immutable
public abstract class CommitSpec {
  @Value.Parameter
  public abstract NodeId author();

  @Value.Parameter
  public abstract Instant when();

  @Value.Parameter
  public abstract String message();

  public static CommitSpec of(NodeId author, Instant when, String message) {
    return ImmutableCommitSpec.of(author, when, message);
  }
}
