package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.MemberChanges;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Commits local changes now and pushes the branch to every peer. */
public final class PushChanges {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final FolderProbe probe;
  private final Clock clock;
  private final SyncJournal journal;

  public PushChanges(VersionStores stores, NodeKeys keys, PeerTransport transport, FolderProbe probe, Clock clock,
      SyncJournal journal) {
    this.journal = journal;
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * Commits every pending change in {@code folder} as one commit, then pushes the branch to each
   * peer in the member list. A peer that is down or refuses is reported, not thrown.
   *
   * @param allowMassDelete commit even a deletion the deletion guard would refuse
   * @throws GtfcException REFUSED when the deletion guard refuses and {@code allowMassDelete} is
   *     off, or when {@code .gtfc/} was edited by hand (only an admin's signed change may alter the
   *     member list): then nothing is committed or sent
   */
  public PushReport push(Path folder, boolean allowMassDelete) {
    try (NodeContext opened = NodeContext.open(stores, keys, folder)) {
      Optional<Revision> committed;
      try (FolderLock lock = opened.store.lock()) {
        if (!allowMassDelete) {
          DeletionCheck.refusal(probe, opened.store, null).ifPresent(reason -> {
            throw new GtfcException(Problem.REFUSED, reason);
          });
        }
        List<RelativePath> changes = opened.store.pendingChanges();
        List<RelativePath> handEdits = LocalEdits.memberFiles(changes);
        if (!handEdits.isEmpty()) {
          throw new GtfcException(Problem.REFUSED, LocalEdits.refusal(opened.store.layout(), handEdits));
        }
        MemberChanges.refusalToSend(Members.directoryAt(opened.store), "the member list committed in "
            + opened.store.layout()).ifPresent(reason -> {
              throw new GtfcException(Problem.REFUSED, reason + " (no peer would accept it)");
            });
        int pending = changes.size();
        committed = pending == 0 ? Optional.empty() : opened.store.commitPaths(changes, CommitSpec.of(
            opened.self.id(), clock.instant(),
            "gtfc: " + pending + " change" + (pending == 1 ? "" : "s") + " on " + opened.self.id()));
      }
      NodeContext node = opened.refreshed();
      List<PeerResult> results = new ArrayList<>();
      for (Member peer : node.membership.peersOf(node.self.id())) {
        PeerResult result = transport.push(node.store.layout(), node.self.id(), peer);
        if (result.succeeded()) {
          journal.synced(node.store.layout(), peer.id(), clock.instant(), node.store.head());
        }
        results.add(result);
      }
      return ImmutablePushReport.builder()
          .self(node.self.id())
          .committed(committed)
          .head(node.store.head())
          .results(results)
          .build();
    }
  }
}
