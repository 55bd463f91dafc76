package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.MemberDirectory;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Takes a member out of the cluster on an admin node: signs the member list without it, commits
 * that and pushes it to every remaining member, which from then on refuses the removed node's key
 * (at authentication: it can neither fetch nor push). Serves {@code gtfc remove NODE} and, as a
 * {@link PeerServer.LeaveDesk}, members that ask to leave ({@code gtfc unjoin} on their node).
 */
public final class RemoveMember {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final Clock clock;
  private final FolderProbe probe;

  public RemoveMember(VersionStores stores, NodeKeys keys, PeerTransport transport, Clock clock, FolderProbe probe) {
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * Removes {@code node} from the cluster of {@code folder}, on this admin node.
   *
   * @throws GtfcException REFUSED if this node is not an admin or {@code node} is the last admin,
   *     BAD_INPUT if {@code node} is not a member or is this node (which leaves with 'gtfc unjoin')
   */
  public RemoveReport remove(Path folder, NodeId node) {
    try (NodeContext context = NodeContext.open(stores, keys, folder)) {
      if (!context.self.role().mayChangeMembership()) {
        throw new GtfcException(Problem.REFUSED, "only an admin can remove members, and this node ('"
            + context.self.id() + "') is " + context.self.role() + ": ask an admin ('gtfc nodes' lists them)");
      }
      if (node.equals(context.self.id())) {
        throw new GtfcException(Problem.BAD_INPUT, "'" + node + "' is this node: to take it out of the cluster,"
            + " run 'gtfc unjoin' here (another admin removes it)");
      }
      return removeAndTell(context.store, context.self.id(), node, "removed by " + context.self.id(), keys,
          transport, clock, probe);
    }
  }

  /** The desk of a serving admin node, where members ask to be removed. */
  static PeerServer.LeaveDesk desk(VersionStore store, NodeId self, NodeKeys keys, PeerTransport transport,
      Clock clock, FolderProbe probe) {
    return member -> {
      if (member.equals(self)) {
        throw new GtfcException(Problem.REFUSED, "a node cannot ask itself to remove it");
      }
      RemoveReport report = removeAndTell(store, self, member, "at its own request, by " + self, keys, transport,
          clock, probe);
      String told = report.results().stream().filter(PeerResult::succeeded)
          .map(r -> r.peer().value()).collect(Collectors.joining(", "));
      return self + " removed " + member + " from cluster " + report.cluster() + " (member list version "
          + report.version() + ")" + (told.isEmpty() ? "" : "; told " + told);
    };
  }

  private static RemoveReport removeAndTell(VersionStore store, NodeId self, NodeId node, String why,
      NodeKeys keys, PeerTransport transport, Clock clock, FolderProbe probe) {
    Membership after;
    Member removed;
    Revision head;
    long version;
    try (FolderLock lock = store.lock()) {
      Membership before = Members.atHead(store);
      Member me = before.member(self).orElseThrow(() -> new GtfcException(Problem.REFUSED,
          self + " is no longer a member of its cluster"));
      if (!me.role().mayChangeMembership()) {
        throw new GtfcException(Problem.REFUSED, self + " is not an admin (" + me.role()
            + "): ask an admin node to remove " + node);
      }
      removed = before.member(node).orElseThrow(() -> new GtfcException(Problem.BAD_INPUT,
          "'" + node + "' is not a member of cluster " + before.cluster() + ": 'gtfc nodes' lists the members"));
      try {
        after = before.without(node);
      } catch (IllegalArgumentException e) {
        throw new GtfcException(Problem.REFUSED, "'" + node + "' is the last admin of cluster " + before.cluster()
            + ": a cluster needs one, so it cannot be removed", e);
      }
      LocalEdits.commitUnlessHeld(store, probe, CommitSpec.of(self, clock.instant(), "gtfc: local changes on " + self));
      MemberDirectory signed = Members.writeSigned(store, after, keys);
      version = signed.version();
      head = Members.commit(store, signed, CommitSpec.of(self, clock.instant(),
          "gtfc: remove " + node + " (" + removed.role() + "), " + why));
    }
    List<PeerResult> results = new ArrayList<>();
    for (Member peer : after.peersOf(self)) {
      results.add(transport.push(store.layout(), self, peer));
    }
    return ImmutableRemoveReport.builder()
        .cluster(after.cluster())
        .removed(removed)
        .version(version)
        .head(head)
        .results(results)
        .build();
  }
}
