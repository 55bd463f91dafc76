package io.gtfc.usecases;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Integration;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Joins an existing cluster with a one-time token: the inviter admits this node, then the folder
 * is copied from the inviter. A join that fails leaves no gtfc state in the folder.
 */
public final class JoinCluster {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final FolderProbe probe;
  private final Clock clock;

  public JoinCluster(VersionStores stores, NodeKeys keys, PeerTransport transport, FolderProbe probe, Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.probe = probe;
    this.clock = clock;
  }

  /**
   * Joins as {@code name}, reachable by peers at {@code advertise}, into {@code folder}, which must
   * be new or empty.
   *
   * @throws GtfcException BAD_STATE for a folder in use, REFUSED for a refused token,
   *     UNREACHABLE when the inviter cannot be reached
   */
  public JoinReport join(Invitation invitation, Path folder, NodeId name, Endpoint advertise) {
    return join(invitation, folder, name, advertise, Optional.empty());
  }

  /**
   * As {@link #join(Invitation, Path, NodeId, Endpoint)}, for a node whose peers reach it through
   * another SSH server (OpenSSH mode: {@code advertise} is that sshd, {@code servedBy} its host
   * key, which the member list pins instead of this node's own).
   */
  public JoinReport join(Invitation invitation, Path folder, NodeId name, Endpoint advertise,
      Optional<SshPublicKey> servedBy) {
    if (invitation.expiredAt(clock.instant())) {
      throw JoinRefusals.expired(invitation);
    }
    return join(request -> transport.join(invitation, request), folder, name, advertise, servedBy);
  }

  /**
   * Joins without a token, the original tool's way: the node at {@code at}, which must present a
   * host key with fingerprint {@code hostKey}, admits this node as read-write because an admin's
   * key in the user's ssh-agent ({@code agentSocket}, forwarded with {@code ssh -A}) vouches for it.
   *
   * @throws GtfcException as {@link #join(Invitation, Path, NodeId, Endpoint)}; REFUSED also when
   *     the agent holds no admin's key
   */
  public JoinReport joinVouched(Endpoint at, Fingerprint hostKey, Path agentSocket, Path folder, NodeId name,
      Endpoint advertise, Optional<SshPublicKey> servedBy) {
    return join(request -> transport.joinVouched(at, hostKey, agentSocket, request), folder, name, advertise,
        servedBy);
  }

  /** The host key the node at {@code at} presents, for the user to compare before a join without a token. */
  public SshPublicKey presentedHostKey(Endpoint at) {
    return transport.presentedHostKey(at);
  }

  private JoinReport join(Function<JoinRequest, JoinAnswer> ask, Path folder, NodeId name, Endpoint advertise,
      Optional<SshPublicKey> servedBy) {
    FolderLayout layout = FolderLayout.of(folder);
    if (stores.exists(layout)) {
      throw new GtfcException(Problem.BAD_STATE, layout.folder() + " is already a gtfc folder:"
          + " join into a new or empty folder");
    }
    NodeIdentity identity = keys.ensure();
    VersionStore store = stores.create(layout);
    boolean joined = false;
    try {
      if (!store.pendingChanges().isEmpty()) {
        throw new GtfcException(Problem.BAD_STATE, layout.folder() + " is not empty:"
            + " join into a new or empty folder (move its files in after joining)");
      }
      JoinAnswer answer = ask.apply(JoinRequest.builder()
          .name(name)
          .userKey(identity.userKey())
          .hostKey(servedBy.orElse(identity.hostKey()))
          .endpoint(advertise)
          .build());
      Member inviter = answer.inviter();
      PeerResult fetched = transport.fetch(layout, inviter);
      if (fetched.outcome() != PeerOutcome.FETCHED) {
        throw new GtfcException(Problem.UNREACHABLE, "admitted to the cluster, but copying the folder from "
            + inviter.id() + " failed (" + fetched.outcome() + (fetched.detail().isEmpty() ? "" : ": " + fetched.detail())
            + "): run 'gtfc pull' once " + inviter.id() + " is reachable");
      }
      Integration copied = store.integrate(inviter.id(), Members.guard("the copy from " + inviter.id()));
      if (copied.outcome() == Integration.Outcome.REFUSED) {
        throw new GtfcException(Problem.REFUSED, copied.refusal().orElse("the copy was refused")
            + ": this join is undone");
      }
      probe.root(layout); // pins the device the folder is on, for the deletion guard
      Membership membership = Members.atHead(store);
      Member self = Members.self(membership, identity, store);
      joined = true;
      return ImmutableJoinReport.builder()
          .folder(layout)
          .membership(membership)
          .self(self)
          .inviter(inviter.id())
          .head(copied.head().orElseThrow())
          .build();
    } finally {
      store.close();
      if (!joined) {
        stores.forget(layout);
      }
    }
  }
}
