package io.gtfc.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/** The member list of one cluster: who may connect, in which role, and where each node listens. */
@Value.Immutable
public abstract class Membership {
  public abstract ClusterId cluster();

  /** The members in the order of their ids. */
  public abstract List<Member> members();

  public static Membership of(ClusterId cluster, List<Member> members) {
    List<Member> sorted = new ArrayList<>(members);
    sorted.sort(Comparator.comparing(Member::id));
    return ImmutableMembership.builder().cluster(cluster).members(sorted).build();
  }

  @Value.Check
  protected void check() {
    Set<NodeId> ids = new HashSet<>();
    Set<SshPublicKey> keys = new HashSet<>();
    for (Member m : members()) {
      if (!ids.add(m.id())) {
        throw new IllegalArgumentException("two members are named '" + m.id() + "': every node needs its own name");
      }
      if (!keys.add(m.userKey())) {
        throw new IllegalArgumentException("member '" + m.id() + "' uses a key another member already uses");
      }
    }
    if (!members().isEmpty() && members().stream().noneMatch(m -> m.role() == Role.ADMIN)) {
      throw new IllegalArgumentException("a cluster needs at least one admin member");
    }
  }

  public Optional<Member> member(NodeId id) {
    return members().stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The member that signs in with this key, if any: how a server recognises a connecting peer. */
  public Optional<Member> byUserKey(SshPublicKey key) {
    return members().stream().filter(m -> m.userKey().equals(key)).findFirst();
  }

  /** Every member but {@code self}. */
  public List<Member> peersOf(NodeId self) {
    return members().stream().filter(m -> !m.id().equals(self)).collect(Collectors.toList());
  }

  /** This list with {@code member} added, or replacing the member of the same id. */
  public Membership with(Member member) {
    List<Member> next = members().stream()
        .filter(m -> !m.id().equals(member.id()))
        .collect(Collectors.toCollection(ArrayList::new));
    next.add(member);
    return of(cluster(), next);
  }

  public Membership without(NodeId id) {
    return of(cluster(), members().stream().filter(m -> !m.id().equals(id)).collect(Collectors.toList()));
  }
}
