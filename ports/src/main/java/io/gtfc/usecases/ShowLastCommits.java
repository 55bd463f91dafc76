package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last commit on every member, as the original {@code gtfcremote-status} printed it: each peer
 * is asked for its head, and a head this node does not have yet is fetched into that peer's inbox
 * (never merged) so that it can be shown.
 */
public final class ShowLastCommits {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final SyncJournal journal;
  private final Clock clock;

  public ShowLastCommits(VersionStores stores, NodeKeys keys, PeerTransport transport, SyncJournal journal,
      Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.journal = journal;
    this.clock = clock;
  }

  /**
   * One member's last commit.
   *
   * @param probe empty for this node itself
   * @param last the commit at the member's head; empty when it has none, or when it did not answer
   *     and never sent anything
   * @param current whether {@code last} is the member's head now (else: as last seen)
   */
  public record MemberCommit(Member member, Optional<PeerProbe> probe, Optional<HistoryEntry> last,
      boolean current) {
    public boolean self() {
      return probe.isEmpty();
    }
  }

  /** This node first, then each peer in member-list order. */
  public List<MemberCommit> lastCommits(Path folder) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      List<MemberCommit> commits = new ArrayList<>();
      commits.add(new MemberCommit(node.self, Optional.empty(), node.store.head().map(node.store::describe), true));
      List<Member> others = node.membership.peersOf(node.self.id());
      Map<NodeId, PeerProbe> probes = PeerProbes.all(transport, others, PeerProbes.TIMEOUT);
      Map<NodeId, Revision> inbox = node.store.inbox();
      Map<NodeId, SyncJournal.Sync> synced = journal.lastSynced(node.store.layout());
      for (Member peer : others) {
        PeerProbe probe = probes.get(peer.id());
        Optional<Revision> head = probe.reached() ? probe.head()
            : Optional.ofNullable(synced.get(peer.id())).flatMap(SyncJournal.Sync::head)
                .or(() -> Optional.ofNullable(inbox.get(peer.id())));
        if (probe.reached() && head.isPresent() && !node.store.contains(head.get())) {
          PeerResult fetched = transport.fetch(node.store.layout(), peer);
          if (fetched.succeeded()) {
            journal.synced(node.store.layout(), peer.id(), clock.instant(),
                Optional.ofNullable(node.store.inbox().get(peer.id())));
          }
        }
        Optional<HistoryEntry> last = head.filter(node.store::contains).map(node.store::describe);
        commits.add(new MemberCommit(peer, Optional.of(probe), last, probe.reached()));
      }
      return commits;
    }
  }
}
