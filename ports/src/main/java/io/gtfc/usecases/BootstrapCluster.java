package io.gtfc.usecases;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Starts a new cluster whose only member, an admin, is this node; it signs the first member list. */
public final class BootstrapCluster {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final FolderProbe probe;
  private final Clock clock;
  private final Random random;

  public BootstrapCluster(VersionStores stores, NodeKeys keys, FolderProbe probe, Clock clock, Random random) {
    this.stores = stores;
    this.keys = keys;
    this.probe = probe;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Makes {@code folder} (created if missing; files already in it are kept and committed) the
   * first folder of a new cluster, with this node as its admin reachable at {@code advertise}.
   *
   * @throws GtfcException BAD_STATE if the folder already belongs to a cluster
   */
  public BootstrapReport bootstrap(Path folder, NodeId name, Endpoint advertise) {
    return bootstrap(folder, name, advertise, Optional.empty());
  }

  /**
   * As {@link #bootstrap(Path, NodeId, Endpoint)}, for a node whose peers reach it through another
   * SSH server (OpenSSH mode: {@code advertise} is that sshd, {@code servedBy} its host key, which
   * the member list pins instead of this node's own).
   */
  public BootstrapReport bootstrap(Path folder, NodeId name, Endpoint advertise, Optional<SshPublicKey> servedBy) {
    FolderLayout layout = FolderLayout.of(folder);
    if (stores.exists(layout)) {
      throw new GtfcException(Problem.BAD_STATE,
          layout.folder() + " is already a gtfc folder: see 'gtfc status " + layout.folder() + "'");
    }
    NodeIdentity identity = keys.ensure();
    Member self = Member.builder()
        .id(name)
        .role(Role.ADMIN)
        .userKey(identity.userKey())
        .hostKey(servedBy.orElse(identity.hostKey()))
        .endpoint(advertise)
        .build();
    Membership membership = Membership.of(ClusterId.of(Secrets.lowercaseId(random, 16)), List.of(self));
    try (VersionStore store = stores.create(layout)) {
      List<RelativePath> foreign = LocalEdits.memberFiles(store.pendingChanges());
      if (!foreign.isEmpty()) {
        store.close();
        stores.forget(layout);
        throw new GtfcException(Problem.BAD_STATE, layout.folder() + " already holds " + foreign.get(0)
            + ": it was part of another cluster; move its .gtfc directory away first");
      }
      probe.root(layout); // pins the device the folder is on, for the deletion guard
      Members.writeSigned(store, membership, keys);
      Revision head = store.commitPending(CommitSpec.of(name, clock.instant(),
              "gtfc: bootstrap cluster " + membership.cluster() + " with admin " + name))
          .orElseThrow(() -> new IllegalStateException("bootstrap wrote the member list but nothing was committed"));
      return ImmutableBootstrapReport.builder()
          .folder(layout).membership(membership).self(self).head(head).build();
    }
  }
}
