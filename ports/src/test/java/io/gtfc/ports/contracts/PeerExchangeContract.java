package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.ports.CommitSpec;
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
import io.gtfc.ports.VersionStores;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PeerTransport} and {@link PeerServer} together, as one node sees
 * another: the in-memory network and the SSH adapter both pass it.
 */
public abstract class PeerExchangeContract {
  private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");
  private static final String SECRET = "abcdefghijklmnopqrstuvwxyz0123";

  /** One node's parts, as a subclass builds them. */
  public record Node(NodeId id, FolderLayout folder, VersionStores stores, NodeKeys keys,
      PeerTransport transport, PeerServer server) {}

  /** A fresh node with an empty gtfc folder (created) and keys (ensured). */
  protected abstract Node node(String name);

  /** Where a server under test listens: a loopback address with port 0. */
  protected abstract Endpoint listen();

  /** Writes a file in a node's working tree, as a user would. */
  protected abstract void write(Node node, RelativePath path, byte[] content);

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final List<String> heard = new ArrayList<>();
  private final List<NodeId> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicReference<Membership> members = new AtomicReference<>();
  private Node alpha;
  private Node beta;
  private Node gamma;
  private PeerServer.Running alphaServer;

  @BeforeEach
  void startAlpha() {
    alpha = node("alpha");
    beta = node("beta");
    gamma = node("gamma");
    alphaServer = alpha.server().start(PeerServer.Spec.builder()
        .listen(listen())
        .folder(alpha.folder())
        .self(alpha.id())
        .members(members::get)
        .joins(new Desk())
        .listener((sender, head) -> heard.add(sender + "@" + head.abbreviated()))
        .arrivals(arrived::add)
        .build());
    toClose.add(alphaServer);
    members.set(Membership.of(ClusterId.of("contract0001"), List.of(
        member(alpha, Role.ADMIN, alphaServer.address()),
        member(beta, Role.READ_WRITE, Endpoint.of("127.0.0.1", 9)),
        member(gamma, Role.READ_ONLY, Endpoint.of("127.0.0.1", 9)))));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private static Member member(Node n, Role role, Endpoint endpoint) {
    NodeIdentity id = n.keys().ensure();
    return Member.builder().id(n.id()).role(role).userKey(id.userKey()).hostKey(id.hostKey())
        .endpoint(endpoint).build();
  }

  private Member alphaMember() {
    return members.get().member(alpha.id()).orElseThrow();
  }

  private Revision commit(Node n, String file, String text) {
    write(n, RelativePath.of(file), text.getBytes(StandardCharsets.UTF_8));
    try (VersionStore store = n.stores().open(n.folder())) {
      return store.commitPending(CommitSpec.of(n.id(), T, "edit " + file)).orElseThrow();
    }
  }

  private java.util.Map<NodeId, Revision> inbox(Node n) {
    try (VersionStore store = n.stores().open(n.folder())) {
      return store.inbox();
    }
  }

  @Test
  void aPushLandsInTheSendersOwnInboxAndTheServerHearsItBeforeAnswering() {
    Revision head = commit(beta, "a.txt", "from beta");

    PeerResult result = beta.transport().push(beta.folder(), beta.id(), alphaMember());

    assertThat(result.outcome()).isEqualTo(PeerOutcome.PUSHED);
    assertThat(inbox(alpha)).containsEntry(beta.id(), head);
    assertThat(heard).containsExactly("beta@" + head.abbreviated());
  }

  @Test
  void pushingTheSameHeadAgainIsUpToDate() {
    commit(beta, "a.txt", "from beta");
    beta.transport().push(beta.folder(), beta.id(), alphaMember());

    assertThat(beta.transport().push(beta.folder(), beta.id(), alphaMember()).outcome())
        .isEqualTo(PeerOutcome.UP_TO_DATE);
  }

  @Test
  void aFetchBringsThePeersBranchIntoItsInboxHere() {
    Revision head = commit(alpha, "b.txt", "from alpha");

    PeerResult result = beta.transport().fetch(beta.folder(), alphaMember());

    assertThat(result.outcome()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(inbox(beta)).containsEntry(alpha.id(), head);
  }

  @Test
  void aMemberThatSignsInIsHeardOfWhateverItAsks() {
    commit(alpha, "b.txt", "from alpha");

    gamma.transport().fetch(gamma.folder(), alphaMember());

    assertThat(arrived).containsOnly(gamma.id());
  }

  @Test
  void aReadOnlyMembersPushIsRefusedWithTheReasonAndChangesNothing() {
    commit(gamma, "c.txt", "from gamma");

    PeerResult result = gamma.transport().push(gamma.folder(), gamma.id(), alphaMember());

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).contains("gamma is a read-only member");
    assertThat(inbox(alpha)).isEmpty();
    assertThat(heard).isEmpty();
  }

  @Test
  void aReadOnlyMemberMayFetch() {
    commit(alpha, "b.txt", "from alpha");
    assertThat(gamma.transport().fetch(gamma.folder(), alphaMember()).outcome()).isEqualTo(PeerOutcome.FETCHED);
  }

  @Test
  void aKeyThatIsNotAMemberIsRefused() {
    Node stranger = node("stranger");
    commit(stranger, "x.txt", "intruder");

    PeerResult push = stranger.transport().push(stranger.folder(), stranger.id(), alphaMember());
    PeerResult fetch = stranger.transport().fetch(stranger.folder(), alphaMember());

    assertThat(push.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(push.detail()).contains("does not accept this node's key");
    assertThat(inbox(alpha)).isEmpty();
    assertThat(arrived).as("members heard of as signed in").isEmpty();
  }

  @Test
  void aServerThatPresentsAnotherHostKeyIsRefused() {
    Member impostor = Member.builder().from(alphaMember()).hostKey(beta.keys().ensure().hostKey()).build();
    commit(beta, "a.txt", "from beta");

    PeerResult result = beta.transport().push(beta.folder(), beta.id(), impostor);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).contains("host key");
    assertThat(inbox(alpha)).isEmpty();
  }

  @Test
  void aStoppedServerIsUnreachable() {
    commit(beta, "a.txt", "from beta");
    alphaServer.close();

    assertThat(beta.transport().push(beta.folder(), beta.id(), alphaMember()).outcome())
        .isEqualTo(PeerOutcome.UNREACHABLE);
  }

  @Test
  void theAddressInUseIsNamed() {
    Node other = node("other");
    assertThatThrownBy(() -> other.server().start(PeerServer.Spec.builder()
        .from(specFor(other)).listen(alphaServer.address()).build()))
        .isInstanceOfSatisfying(GtfcException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.ENVIRONMENT);
          assertThat(e.getMessage()).contains(alphaServer.address().toString()).contains("in use");
        });
  }

  @Test
  void aValidInvitationAdmitsTheJoiner() {
    Node joiner = node("delta");
    JoinAnswer answer = joiner.transport().join(invitation(alpha), request(joiner));

    assertThat(answer.inviter().id()).isEqualTo(alpha.id());
    assertThat(answer.inviter().hostKey()).isEqualTo(alpha.keys().ensure().hostKey());
    assertThat(answer.role()).isEqualTo(Role.READ_WRITE);
    assertThat(heard).containsExactly("admitted delta");
  }

  @Test
  void anInvitationNamingAnotherHostKeyIsRefusedBeforeAnythingIsSent() {
    Node joiner = node("delta");
    Invitation forged = Invitation.builder().from(invitation(alpha))
        .hostKeyFingerprint(beta.keys().ensure().hostKey().fingerprint()).build();

    assertThatThrownBy(() -> joiner.transport().join(forged, request(joiner)))
        .isInstanceOfSatisfying(GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.REFUSED));
    assertThat(heard).isEmpty();
  }

  @Test
  void anUnknownSecretIsRefused() {
    Node joiner = node("delta");
    Invitation unknown = Invitation.builder().from(invitation(alpha)).secret("zzzzzzzzzzzzzzzzzzzzzzzzzz").build();

    assertThatThrownBy(() -> joiner.transport().join(unknown, request(joiner)))
        .isInstanceOfSatisfying(GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.REFUSED));
    assertThat(heard).isEmpty();
  }

  private PeerServer.Spec specFor(Node n) {
    return PeerServer.Spec.builder().listen(listen()).folder(n.folder()).self(n.id()).members(members::get)
        .joins(new Desk()).listener((s, h) -> { }).build();
  }

  private Invitation invitation(Node inviter) {
    return Invitation.builder()
        .cluster(ClusterId.of("contract0001"))
        .inviter(inviter.id())
        .endpoint(alphaServer.address())
        .hostKeyFingerprint(Fingerprint.of(inviter.keys().ensure().hostKey().fingerprint().value()))
        .role(Role.READ_WRITE)
        .secret(SECRET)
        .expiresAt(T.plusSeconds(3600))
        .build();
  }

  private static JoinRequest request(Node joiner) {
    NodeIdentity id = joiner.keys().ensure();
    return JoinRequest.builder().name(joiner.id()).userKey(id.userKey()).hostKey(id.hostKey())
        .endpoint(Endpoint.of("127.0.0.1", 9)).build();
  }

  /** Admits exactly one secret, once. */
  private final class Desk implements PeerServer.JoinDesk {
    private boolean used;

    @Override
    public synchronized boolean recognises(String secret) {
      return !used && secret.equals(SECRET);
    }

    @Override
    public synchronized JoinAnswer admit(String secret, JoinRequest request) {
      if (!recognises(secret)) {
        throw new GtfcException(Problem.REFUSED, "this join token was already used");
      }
      used = true;
      heard.add("admitted " + request.name());
      return JoinAnswer.builder().cluster(members.get().cluster()).inviter(alphaMember()).role(Role.READ_WRITE).build();
    }
  }
}
