package io.gtfc.usecases;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Integration;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.InMemoryVersionStore;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes on in-memory disks: alpha (the admin), beta and gamma (read-write). Every node
 * takes in a member list only when an admin signed it, whoever sent or relayed it.
 */
class MemberListGuardTest {
  private static final String HOW = "member changes go through 'gtfc invite' / 'gtfc remove' on an admin node";
  private static final RelativePath NOTES = RelativePath.of("notes.txt");

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final FolderProbe probe = FakeFolderProbe.alwaysFine();

  private final Node alpha = new Node("alpha");
  private final Node beta = new Node("beta");
  private final Node gamma = new Node("gamma");

  /** One machine: its disk, its keys, its folder. */
  private static final class Node {
    final NodeId id;
    final InMemoryVersionStores disk = new InMemoryVersionStores();
    final FakeNodeKeys keys;
    final FolderLayout folder;
    VersionStore store;

    Node(String name) {
      id = NodeId.of(name);
      keys = new FakeNodeKeys(name);
      folder = FolderLayout.of(Path.of("/nodes", name, "share"));
    }

    Member member(Role role, int port) {
      NodeIdentity identity = keys.ensure();
      return Member.builder().id(id).role(role).userKey(identity.userKey()).hostKey(identity.hostKey())
          .endpoint(Endpoint.of("127.0.0.1", port)).build();
    }

    void write(RelativePath path, String content) {
      disk.writeInWorkingTree(folder, path, content.getBytes(UTF_8));
    }

    String read(RelativePath path) {
      return disk.readInWorkingTree(folder, path).map(b -> new String(b, UTF_8)).orElse(null);
    }
  }

  @BeforeEach
  void startCluster() {
    new BootstrapCluster(alpha.disk, alpha.keys, probe, clock, new Random(1))
        .bootstrap(alpha.folder.folder(), alpha.id, Endpoint.of("127.0.0.1", 7001));
    alpha.store = alpha.disk.open(alpha.folder);
    admit(beta.member(Role.READ_WRITE, 7002));
    admit(gamma.member(Role.READ_WRITE, 7003));
    for (Node n : new Node[] {beta, gamma}) {
      n.store = n.disk.create(n.folder);
      deliver(alpha, alpha.id, n);
      assertThat(integrate(n, alpha.id).outcome()).isEqualTo(Integration.Outcome.FAST_FORWARD);
    }
  }

  @AfterEach
  void closeStores() {
    for (Node n : new Node[] {alpha, beta, gamma}) {
      if (n.store != null) {
        n.store.close();
      }
    }
  }

  private void admit(Member newcomer) {
    Membership next = Members.atHead(alpha.store).with(newcomer);
    Members.commit(alpha.store, Members.writeSigned(alpha.store, next, alpha.keys),
        CommitSpec.of(alpha.id, clock.instant(), "gtfc: admit " + newcomer.id()));
  }

  private static void deliver(Node from, NodeId as, Node to) {
    ((InMemoryVersionStore) to.store).receive(as, (InMemoryVersionStore) from.store);
  }

  private Integration integrate(Node on, NodeId sender) {
    return new IntegrateChanges(on.store, on.id, clock, probe).integrate(sender);
  }

  /** What a user does with plain git: an edit of the member list committed by hand. */
  private Revision betaAddsAnAdminByHand() {
    String keys = beta.read(MemberFiles.AUTHORIZED_KEYS);
    beta.write(MemberFiles.AUTHORIZED_KEYS, keys + FakeNodeKeys.ed25519("mallory").openSsh()
        + " node=mallory role=admin\n");
    String hosts = beta.read(MemberFiles.KNOWN_HOSTS);
    beta.write(MemberFiles.KNOWN_HOSTS, hosts + "[10.0.0.66]:7419 " + FakeNodeKeys.ed25519("mallory/host").openSsh()
        + " node=mallory\n");
    beta.write(NOTES, "and a file edit riding along\n");
    return beta.store.commitPending(CommitSpec.of(beta.id, clock.instant(), "by hand")).orElseThrow();
  }

  @Test
  void aMemberAddedAndSignedByTheAdminIsTakenInByEveryNode() {
    Node delta = new Node("delta");
    admit(delta.member(Role.READ_ONLY, 7004));
    deliver(alpha, alpha.id, beta);

    Integration integration = integrate(beta, alpha.id);

    assertThat(integration.outcome()).isEqualTo(Integration.Outcome.FAST_FORWARD);
    assertThat(Members.atHead(beta.store).member(delta.id)).isPresent();
    assertThat(Members.directoryAt(beta.store).version()).isEqualTo(4);
  }

  @Test
  void aReadWriteMembersEditOfTheMemberListIsRefusedAndNothingOfItIsApplied() {
    Revision alphaHead = alpha.store.head().orElseThrow();
    Revision edited = betaAddsAnAdminByHand();
    deliver(beta, beta.id, alpha);

    Integration integration = integrate(alpha, beta.id);

    assertThat(integration.outcome()).isEqualTo(Integration.Outcome.REFUSED);
    assertThat(integration.refusal()).contains("what beta sent changes the member list but is not signed by an admin: "
        + HOW);
    assertThat(alpha.store.head()).contains(alphaHead);
    assertThat(alpha.read(NOTES)).isNull();
    assertThat(Members.atHead(alpha.store).member(NodeId.of("mallory"))).isEmpty();
    assertThat(alpha.store.inbox()).containsEntry(beta.id, edited);
  }

  @Test
  void anAdminsNodeRelayingAnEditByHandIsRefusedByTheThirdNode() {
    Revision gammaHead = gamma.store.head().orElseThrow();
    betaAddsAnAdminByHand();
    deliver(beta, alpha.id, gamma);

    Integration integration = integrate(gamma, alpha.id);

    assertThat(integration.outcome()).isEqualTo(Integration.Outcome.REFUSED);
    assertThat(integration.refusal().orElseThrow()).contains("not signed by an admin");
    assertThat(gamma.store.head()).contains(gammaHead);
    assertThat(gamma.read(NOTES)).isNull();
  }

  @Test
  void anOlderSignedMemberListCannotBeReplayed() {
    Revision first = alpha.store.history(java.util.Optional.empty(), 100).get(2).revision();
    alpha.store.filesUnder(MemberFiles.DIRECTORY, first)
        .forEach((path, content) -> beta.write(path, new String(content, UTF_8)));
    beta.store.commitPending(CommitSpec.of(beta.id, clock.instant(), "back to the list without gamma"));
    deliver(beta, beta.id, alpha);

    Integration integration = integrate(alpha, beta.id);

    assertThat(integration.outcome()).isEqualTo(Integration.Outcome.REFUSED);
    assertThat(integration.refusal().orElseThrow()).contains("an older member list (version 1, this node has version 3)");
  }

  @Test
  void aFileEditFromANodeThatMissedAMemberChangeMergesAndKeepsTheNewerList() {
    Node delta = new Node("delta");
    admit(delta.member(Role.READ_WRITE, 7004));
    beta.write(NOTES, "beta's notes\n");
    beta.store.commitPending(CommitSpec.of(beta.id, clock.instant(), "notes"));
    deliver(beta, beta.id, alpha);

    Integration onAlpha = integrate(alpha, beta.id);
    deliver(alpha, alpha.id, beta);
    Integration onBeta = integrate(beta, alpha.id);

    assertThat(onAlpha.outcome()).isEqualTo(Integration.Outcome.MERGED);
    assertThat(onBeta.outcome()).isEqualTo(Integration.Outcome.FAST_FORWARD);
    assertThat(alpha.read(NOTES)).isEqualTo("beta's notes\n");
    assertThat(Members.atHead(alpha.store).member(delta.id)).isPresent();
    assertThat(Members.atHead(beta.store).member(delta.id)).isPresent();
  }

  @Test
  void twoAdminsChangingTheListAtOnceEndWithTheSameSignedList() {
    Node delta = new Node("delta");
    Node epsilon = new Node("epsilon");
    Membership promoted = Members.atHead(alpha.store).with(Members.atHead(alpha.store).member(beta.id).orElseThrow()
        .withRole(Role.ADMIN));
    Members.commit(alpha.store, Members.writeSigned(alpha.store, promoted, alpha.keys),
        CommitSpec.of(alpha.id, clock.instant(), "beta becomes an admin"));
    deliver(alpha, alpha.id, beta);
    integrate(beta, alpha.id);
    admit(delta.member(Role.READ_WRITE, 7004));
    Membership withEpsilon = Members.atHead(beta.store).with(epsilon.member(Role.READ_WRITE, 7005));
    Members.commit(beta.store, Members.writeSigned(beta.store, withEpsilon, beta.keys),
        CommitSpec.of(beta.id, clock.instant(), "beta admits epsilon"));
    deliver(alpha, alpha.id, beta);
    deliver(beta, beta.id, alpha);

    Integration onAlpha = integrate(alpha, beta.id);
    Integration onBeta = integrate(beta, alpha.id);

    assertThat(onAlpha.outcome()).isEqualTo(Integration.Outcome.MERGED);
    assertThat(onBeta.outcome()).isEqualTo(Integration.Outcome.MERGED);
    assertThat(alpha.store.head()).as("the same merge on both").isEqualTo(beta.store.head());
    assertThat(Members.directoryAt(alpha.store)).isEqualTo(Members.directoryAt(beta.store));
    assertThat(Members.directoryAt(alpha.store).version()).isEqualTo(5);
  }

  @Test
  void editsOfTheMemberListByHandAreNeverCommittedBeforeAnIntegration() {
    beta.write(MemberFiles.AUTHORIZED_KEYS, "# emptied by hand\n");
    beta.write(NOTES, "mine\n");
    alpha.write(RelativePath.of("from-alpha.txt"), "hi\n");
    alpha.store.commitPending(CommitSpec.of(alpha.id, clock.instant(), "alpha's file"));
    deliver(alpha, alpha.id, beta);

    Integration integration = integrate(beta, alpha.id);

    assertThat(integration.outcome()).isEqualTo(Integration.Outcome.MERGED);
    assertThat(beta.store.pendingChanges()).containsExactly(MemberFiles.AUTHORIZED_KEYS);
    assertThat(beta.store.readAtHead(NOTES)).isPresent();
    assertThat(Members.atHead(beta.store).members()).hasSize(3);
  }

  @Test
  void pushRefusesAnEditOfTheMemberListByHandBeforeCommittingAnything() {
    Revision head = beta.store.head().orElseThrow();
    beta.write(MemberFiles.AUTHORIZED_KEYS, beta.read(MemberFiles.AUTHORIZED_KEYS) + "# a comment\n");
    beta.write(NOTES, "mine\n");

    assertThatThrownBy(() -> new PushChanges(beta.disk, beta.keys, unusedTransport(), probe, clock,
        new io.gtfc.ports.fakes.InMemorySyncJournal())
        .push(beta.folder.folder(), false))
        .isInstanceOfSatisfying(GtfcException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.REFUSED);
          assertThat(e.getMessage()).startsWith("the edit of .gtfc/authorized_keys changes the member list but is"
              + " not signed by an admin: " + HOW);
        });
    assertThat(beta.store.head()).contains(head);
  }

  @Test
  void pushRefusesAMemberListCommittedByHand() {
    betaAddsAnAdminByHand();

    assertThatThrownBy(() -> new PushChanges(beta.disk, beta.keys, unusedTransport(), probe, clock,
        new io.gtfc.ports.fakes.InMemorySyncJournal())
        .push(beta.folder.folder(), false))
        .isInstanceOfSatisfying(GtfcException.class, e -> assertThat(e.getMessage())
            .contains("is not signed by an admin").contains("no peer would accept it"));
  }

  private static PeerTransport unusedTransport() {
    return new PeerTransport() {
      @Override
      public PeerResult push(FolderLayout local, NodeId self, Member peer) {
        throw new AssertionError("nothing should be pushed");
      }

      @Override
      public PeerResult fetch(FolderLayout local, Member peer) {
        throw new AssertionError("nothing should be fetched");
      }

      @Override
      public JoinAnswer join(Invitation invitation, JoinRequest request) {
        throw new AssertionError("no join");
      }

      @Override
      public PeerResult leave(Member admin) {
        throw new AssertionError("no leave");
      }

      @Override
      public JoinAnswer joinVouched(io.gtfc.domain.Endpoint at, io.gtfc.domain.Fingerprint hostKey,
          java.nio.file.Path agentSocket, JoinRequest request) {
        throw new AssertionError("no join");
      }

      @Override
      public io.gtfc.domain.SshPublicKey presentedHostKey(io.gtfc.domain.Endpoint at) {
        throw new AssertionError("no host key asked");
      }

      @Override
      public io.gtfc.ports.PeerProbe probe(Member peer, java.time.Duration timeout) {
        throw new AssertionError("no probe");
      }
    };
  }
}
