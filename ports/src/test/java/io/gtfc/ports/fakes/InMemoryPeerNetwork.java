package io.gtfc.ports.fakes;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network of fake nodes in one JVM: servers listen on made-up addresses, transports move
 * commits between in-memory stores. It keeps the rules the SSH adapter keeps (pinned host keys,
 * members only, read-only members may not push, one-time join secrets), so use cases can be
 * tested, and clusters simulated, without sockets.
 */
public final class InMemoryPeerNetwork {
  private final Map<Endpoint, Hosted> listening = new ConcurrentHashMap<>();
  private final AtomicInteger nextPort = new AtomicInteger(40_000);

  private record Hosted(PeerServer.Spec spec, NodeIdentity host, InMemoryVersionStores disk, Endpoint address) {}

  /** The server of a node whose disk is {@code disk} and whose keys are {@code keys}. */
  public PeerServer server(InMemoryVersionStores disk, NodeKeys keys) {
    return spec -> {
      NodeIdentity host = keys.load().orElseThrow(() -> new GtfcException(Problem.BAD_STATE, "this node has no host key"));
      Endpoint address = spec.listen().port() == 0
          ? Endpoint.of(spec.listen().host(), nextPort.getAndIncrement())
          : spec.listen();
      if (listening.putIfAbsent(address, new Hosted(spec, host, disk, address)) != null) {
        throw new GtfcException(Problem.ENVIRONMENT, "cannot listen on " + address
            + ": the port is in use; choose another with --listen HOST:PORT");
      }
      return new PeerServer.Running() {
        @Override
        public Endpoint address() {
          return address;
        }

        @Override
        public void close() {
          listening.remove(address);
        }
      };
    };
  }

  /** The transport of a node whose disk is {@code disk} and whose keys are {@code keys}. */
  public PeerTransport transport(InMemoryVersionStores disk, NodeKeys keys) {
    return new PeerTransport() {
      @Override
      public PeerResult push(FolderLayout local, NodeId self, Member peer) {
        Hosted there = listening.get(peer.endpoint());
        Optional<PeerResult> refused = check(peer, there, keys);
        if (refused.isPresent()) {
          return refused.get();
        }
        Member me = there.spec().members().current().byUserKey(keys.ensure().userKey()).orElseThrow();
        if (me.role() == Role.READ_ONLY) {
          return PeerResult.of(peer.id(), PeerOutcome.REFUSED,
              me.id() + " is a read-only member of this cluster: its changes are not accepted");
        }
        try (VersionStore mine = disk.open(local); VersionStore theirs = there.disk().open(there.spec().folder())) {
          Optional<Revision> head = mine.head();
          if (head.isEmpty() || head.equals(Optional.ofNullable(theirs.inbox().get(me.id())))) {
            return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "");
          }
          ((InMemoryVersionStore) theirs).receive(me.id(), (InMemoryVersionStore) mine);
          there.spec().listener().received(me.id(), head.get());
          return PeerResult.of(peer.id(), PeerOutcome.PUSHED, "");
        } catch (GtfcException e) {
          return PeerResult.of(peer.id(), PeerOutcome.REFUSED, e.getMessage());
        }
      }

      @Override
      public PeerResult fetch(FolderLayout local, Member peer) {
        Hosted there = listening.get(peer.endpoint());
        Optional<PeerResult> refused = check(peer, there, keys);
        if (refused.isPresent()) {
          return refused.get();
        }
        try (VersionStore mine = disk.open(local); VersionStore theirs = there.disk().open(there.spec().folder())) {
          Optional<Revision> head = theirs.head();
          if (head.isEmpty() || head.equals(Optional.ofNullable(mine.inbox().get(peer.id())))) {
            return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "");
          }
          ((InMemoryVersionStore) mine).receive(peer.id(), (InMemoryVersionStore) theirs);
          return PeerResult.of(peer.id(), PeerOutcome.FETCHED, "");
        }
      }

      @Override
      public JoinAnswer join(Invitation invitation, JoinRequest request) {
        Hosted there = listening.get(invitation.endpoint());
        if (there == null) {
          throw new GtfcException(Problem.UNREACHABLE, "cannot reach the inviting node at " + invitation.endpoint());
        }
        if (!there.host().hostKey().fingerprint().equals(invitation.hostKeyFingerprint())) {
          throw new GtfcException(Problem.REFUSED, "the node at " + invitation.endpoint() + " presented host key "
              + there.host().hostKey().fingerprint() + " but the token names " + invitation.hostKeyFingerprint());
        }
        if (!there.spec().joins().recognises(invitation.secret())) {
          throw new GtfcException(Problem.REFUSED, "the inviting node at " + invitation.endpoint()
              + " does not accept this token: it was already used, has expired or was never issued there");
        }
        JoinAnswer answer = there.spec().joins().admit(invitation.secret(), request);
        return withPresentedHostKey(answer, there);
      }

      @Override
      public JoinAnswer joinVouched(Endpoint at, io.gtfc.domain.Fingerprint hostKey, java.nio.file.Path agentSocket,
          JoinRequest request) {
        throw new GtfcException(Problem.REFUSED, "the in-memory network has no ssh-agent: join with a token");
      }

      @Override
      public PeerResult leave(Member admin) {
        Hosted there = listening.get(admin.endpoint());
        Optional<PeerResult> refused = check(admin, there, keys);
        if (refused.isPresent()) {
          return refused.get();
        }
        Member me = there.spec().members().current().byUserKey(keys.ensure().userKey()).orElseThrow();
        try {
          return PeerResult.of(admin.id(), PeerOutcome.REMOVED, there.spec().leaves().leave(me.id()));
        } catch (GtfcException e) {
          return PeerResult.of(admin.id(), PeerOutcome.REFUSED, e.getMessage());
        }
      }

      @Override
      public io.gtfc.ports.PeerProbe probe(Member peer, java.time.Duration timeout) {
        Hosted there = listening.get(peer.endpoint());
        Optional<PeerResult> refused = check(peer, there, keys);
        if (refused.isPresent()) {
          return io.gtfc.ports.PeerProbe.failed(peer.id(), refused.get().outcome(), refused.get().detail());
        }
        try (VersionStore theirs = there.disk().open(there.spec().folder())) {
          return io.gtfc.ports.PeerProbe.answered(peer.id(), theirs.head());
        }
      }

      @Override
      public io.gtfc.domain.SshPublicKey presentedHostKey(Endpoint at) {
        Hosted there = listening.get(at);
        if (there == null) {
          throw new GtfcException(Problem.UNREACHABLE, "cannot reach " + at + ": nothing listens there");
        }
        return there.host().hostKey();
      }

      private JoinAnswer withPresentedHostKey(JoinAnswer answer, Hosted there) {
        return JoinAnswer.builder().from(answer)
            .inviter(Member.builder().from(answer.inviter()).hostKey(there.host().hostKey()).build())
            .build();
      }
    };
  }

  /** The checks every connection makes: someone listens, with the pinned host key, and knows our key. */
  private static Optional<PeerResult> check(Member peer, Hosted there, NodeKeys keys) {
    if (there == null) {
      return Optional.of(PeerResult.of(peer.id(), PeerOutcome.UNREACHABLE,
          "cannot reach " + peer.id() + " at " + peer.endpoint() + ": nothing listens there"));
    }
    if (!there.host().hostKey().equals(peer.hostKey())) {
      return Optional.of(PeerResult.of(peer.id(), PeerOutcome.REFUSED, peer.id() + " at " + peer.endpoint()
          + " presented host key " + there.host().hostKey().fingerprint() + " but the member list pins "
          + peer.hostKeyFingerprint()));
    }
    Optional<Member> signedIn = there.spec().members().current().byUserKey(keys.ensure().userKey());
    if (signedIn.isEmpty()) {
      return Optional.of(PeerResult.of(peer.id(), PeerOutcome.REFUSED, peer.id() + " at " + peer.endpoint()
          + " does not accept this node's key: it does not list this node as a member (yet)"));
    }
    there.spec().arrivals().signedIn(signedIn.get().id());
    return Optional.empty();
  }
}
