package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import java.time.Duration;
import java.util.Optional;

/** The git ref names of the sync protocol, shared by every store and transport adapter. */
public final class Refs {
  /** The working branch every node checks out. */
  public static final String MAIN = "refs/heads/main";

  /** Where each sender's branch lands: one ref per sender, never a ref shared by all. */
  public static final String INBOX_PREFIX = "refs/gtfc/inbox/";

  /**
   * How old a ref's lock file must be to belong to nobody. A live update holds the lock for the
   * milliseconds it takes to write forty bytes and rename them into place, so an older lock was
   * left by a process that was killed; left there, it would refuse every update of that ref.
   */
  public static final Duration LOCK_STALE_AFTER = Duration.ofSeconds(10);

  private Refs() {}

  public static String inbox(NodeId sender) {
    return INBOX_PREFIX + sender.value();
  }

  /** The sender named by an inbox ref; empty for any other ref or a malformed name. */
  public static Optional<NodeId> senderOf(String ref) {
    if (!ref.startsWith(INBOX_PREFIX)) {
      return Optional.empty();
    }
    try {
      return Optional.of(NodeId.of(ref.substring(INBOX_PREFIX.length())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
