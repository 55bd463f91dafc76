package io.gtfc.usecases;

import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.MemberDirectory;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inviter's side of a join: checks the invitation, adds the new member to the member list,
 * signs that list with this admin node's key, commits it, and tells the other members before
 * answering, so that they trust the newcomer by the time it connects.
 */
public final class AdmitMember implements PeerServer.JoinDesk {
  private static final Logger LOG = LoggerFactory.getLogger(AdmitMember.class);

  private final VersionStore store;
  private final NodeId self;
  private final NodeKeys keys;
  private final InviteBook book;
  private final PeerTransport transport;
  private final Clock clock;
  private final FolderProbe probe;

  public AdmitMember(VersionStore store, NodeId self, NodeKeys keys, InviteBook book, PeerTransport transport,
      Clock clock, FolderProbe probe) {
    this.store = store;
    this.self = self;
    this.keys = keys;
    this.book = book;
    this.transport = transport;
    this.clock = clock;
    this.probe = probe;
  }

  @Override
  public boolean recognises(String secret) {
    return book.find(secret).filter(i -> !i.expiredAt(clock.instant())).isPresent();
  }

  @Override
  public JoinAnswer admit(String secret, JoinRequest request) {
    Membership after;
    Invitation invitation;
    try (FolderLock lock = store.lock()) {
      Invitation pending = book.find(secret).orElseThrow(JoinRefusals::unknownToken);
      if (pending.expiredAt(clock.instant())) {
        throw JoinRefusals.expired(pending);
      }
      Membership before = Members.atHead(store);
      if (!before.cluster().equals(pending.cluster())) {
        throw new GtfcException(Problem.REFUSED, "this join token is for another cluster: ask for a new one");
      }
      Member inviter = before.member(self).orElseThrow(() -> new GtfcException(Problem.REFUSED,
          "the inviting node is no longer a member of its cluster"));
      if (!inviter.role().mayChangeMembership()) {
        throw new GtfcException(Problem.REFUSED, "the inviting node is no longer an admin: ask an admin for a new token");
      }
      Optional<Member> sameKey = before.byUserKey(request.userKey());
      if (sameKey.isPresent()) {
        throw new GtfcException(Problem.REFUSED,
            "this node's key is already the member '" + sameKey.get().id() + "': it does not need to join again");
      }
      if (before.member(request.name()).isPresent()) {
        throw new GtfcException(Problem.REFUSED, "a member named '" + request.name()
            + "' exists already: join with another --name (the token is still good)");
      }
      invitation = book.redeem(secret).orElseThrow(JoinRefusals::unknownToken);
      Member newcomer = Member.builder()
          .id(request.name())
          .role(invitation.role())
          .userKey(request.userKey())
          .hostKey(request.hostKey())
          .endpoint(request.endpoint())
          .build();
      after = before.with(newcomer);
      LocalEdits.commitUnlessHeld(store, probe, CommitSpec.of(self, clock.instant(), "gtfc: local changes on " + self));
      MemberDirectory signed = Members.writeSigned(store, after, keys);
      Members.commit(store, signed, CommitSpec.of(self, clock.instant(),
          "gtfc: admit " + newcomer.id() + " (" + newcomer.role() + "), invited by " + self));
    }
    for (Member peer : after.peersOf(self)) {
      if (peer.id().equals(request.name())) {
        continue;
      }
      PeerResult result = transport.push(store.layout(), self, peer);
      if (!result.succeeded()) {
        LOG.warn("could not tell {} that {} joined: {} {}", peer.id(), request.name(), result.outcome(), result.detail());
      }
    }
    return JoinAnswer.builder()
        .cluster(after.cluster())
        .inviter(after.member(self).orElseThrow())
        .role(invitation.role())
        .build();
  }
}
