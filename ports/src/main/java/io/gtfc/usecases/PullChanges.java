package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.Integration;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fetches from every reachable peer and integrates what arrived: the boot-time catch-up. */
public final class PullChanges {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final SyncHooks hooks;
  private final Clock clock;
  private final FolderProbe probe;
  private final SyncJournal journal;

  public PullChanges(VersionStores stores, NodeKeys keys, PeerTransport transport, SyncHooks hooks, Clock clock,
      SyncJournal journal, FolderProbe probe) {
    this.journal = journal;
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.hooks = hooks;
    this.clock = clock;
    this.probe = probe;
  }

  /**
   * Fetches each peer's branch and integrates it, committing local edits first; a branch that
   * changes the member list without an admin's signature is refused (reported, nothing applied).
   * The post-sync hook runs after each integration that changed files, before the next.
   */
  public PullReport pull(Path folder) {
    try (NodeContext node = NodeContext.open(stores, keys, folder)) {
      IntegrateChanges integrator = new IntegrateChanges(node.store, node.self.id(), clock, probe, hooks, Runnable::run);
      List<PeerResult> results = new ArrayList<>();
      List<Integration> integrations = new ArrayList<>();
      for (Member peer : node.membership.peersOf(node.self.id())) {
        if (!peer.role().mayPush()) {
          continue; // a read-only member's changes are never taken in, pushed or pulled
        }
        PeerResult fetched = transport.fetch(node.store.layout(), peer);
        results.add(fetched);
        if (fetched.succeeded()) {
          journal.synced(node.store.layout(), peer.id(), clock.instant(),
              Optional.ofNullable(node.store.inbox().get(peer.id())));
          integrations.add(integrator.integrate(peer.id()));
        }
      }
      return ImmutablePullReport.builder()
          .self(node.self.id())
          .results(results)
          .integrations(integrations)
          .head(node.store.head())
          .build();
    }
  }
}
