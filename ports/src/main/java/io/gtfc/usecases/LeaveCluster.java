package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code gtfc unjoin}: this node leaves its cluster. Only an admin may change the member list,
 * so the node asks an admin peer (another one, if it is an admin itself) to remove it; that admin
 * signs the removal and tells the others, who then refuse this node's key. Only once an admin has
 * done so does this node let go of the folder: it commits the removal of {@code .gtfc/} here, so
 * the folder stays as plain files with their history. The node home keeps its keys. If no admin
 * can be reached or all refuse, nothing changes anywhere.
 */
public final class LeaveCluster {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final Clock clock;

  public LeaveCluster(VersionStores stores, NodeKeys keys, PeerTransport transport, Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.clock = clock;
  }

  /**
   * Asks each admin peer in turn until one removes this node.
   *
   * @throws GtfcException UNREACHABLE when no admin could be reached, REFUSED when the admins that
   *     answered refused or this node is the only admin, BAD_STATE when it is the only member: in
   *     each case nothing changed
   */
  public LeaveReport leave(Path folder) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      List<Member> admins = node.membership.peersOf(node.self.id()).stream()
          .filter(m -> m.role().mayChangeMembership()).toList();
      if (admins.isEmpty()) {
        if (node.membership.members().size() == 1) {
          throw new GtfcException(Problem.BAD_STATE, node.self.id() + " is the only member of cluster "
              + node.membership.cluster() + ": there is no cluster to leave; 'gtfc wipe' deletes this node's gtfc state");
        }
        throw new GtfcException(Problem.REFUSED, node.self.id() + " is the only admin of cluster "
            + node.membership.cluster() + ", so it cannot leave while others remain: remove them first"
            + " ('gtfc remove NODE'), then 'gtfc wipe'");
      }
      List<PeerResult> tried = new ArrayList<>();
      for (Member admin : admins) {
        PeerResult asked = transport.leave(admin);
        tried.add(asked);
        if (asked.outcome() == PeerOutcome.REMOVED) {
          Revision head = letGo(node, admin);
          return ImmutableLeaveReport.builder()
              .self(node.self.id())
              .cluster(node.membership.cluster())
              .folder(node.store.layout())
              .removedBy(admin.id())
              .answer(asked.detail())
              .head(head)
              .build();
        }
      }
      boolean refused = tried.stream().anyMatch(r -> r.outcome() == PeerOutcome.REFUSED);
      String why = tried.stream().map(r -> r.peer() + ": " + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")")).collect(Collectors.joining("; "));
      throw new GtfcException(refused ? Problem.REFUSED : Problem.UNREACHABLE, "no admin removed "
          + node.self.id() + " from the cluster, so nothing changed (" + why + "): try again when an admin node"
          + " serves ('gtfc serve' or 'gtfc watch'), or ask an admin to run 'gtfc remove " + node.self.id() + "'");
    }
  }

  /** Deletes and commits {@code .gtfc/} here, so no gtfc command treats the folder as a member any more. */
  private Revision letGo(NodeContext node, Member admin) {
    try (FolderLock lock = node.store.lock()) {
      List<RelativePath> memberFiles = new ArrayList<>(
          node.store.filesUnder(MemberFiles.DIRECTORY, node.store.head().orElseThrow()).keySet());
      memberFiles.forEach(node.store::deleteFile);
      return node.store.commitPaths(memberFiles, CommitSpec.of(node.self.id(), clock.instant(),
              "gtfc: " + node.self.id() + " left cluster " + node.membership.cluster() + ", removed by " + admin.id()))
          .or(node.store::head).orElseThrow();
    }
  }
}
