package io.gtfc.domain;

import java.util.Optional;

/**
 * Whether a receiver takes a push from a sender, by the receiver's member list: never from itself,
 * from a node that is no member (any more), or from a read-only member. Every way into a node (the
 * embedded server, {@code gtfc shell} behind OpenSSH) asks this one rule.
 */
public final class PushPermission {
  private PushPermission() {}

  /** Why {@code self} refuses a push from {@code sender}; empty if it accepts it. */
  public static Optional<String> refusal(Membership members, NodeId self, NodeId sender) {
    if (sender.equals(self)) {
      return Optional.of(sender + " is this node's own name: a node never pushes to itself");
    }
    Optional<Member> now = members.member(sender);
    if (now.isEmpty()) {
      return Optional.of(sender + " is no longer a member of this cluster: its changes are not accepted");
    }
    if (!now.get().role().mayPush()) {
      return Optional.of(sender + " is a read-only member of this cluster: its changes are not accepted");
    }
    return Optional.empty();
  }
}
