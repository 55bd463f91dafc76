package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Progress;
import io.gtfc.ports.Refs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshPeerTransportTest {
  @TempDir
  Path temp;

  private ServedCluster cluster;
  private TestNode beta;
  private TestNode alpha;

  @BeforeEach
  void serveBeta() throws Exception {
    cluster = new ServedCluster(temp);
    beta = cluster.beta;
    alpha = cluster.alpha;
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private static SshPeerTransport transportOf(TestNode node) {
    return new SshPeerTransport(node.home);
  }

  @Test
  void aMembersPushLandsInItsInboxAndIsHeardBeforeThePushReturns() throws Exception {
    String head = alpha.commit("notes.txt", "hello");

    PeerResult result = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.PUSHED);
    assertThat(beta.ref(Refs.inbox(alpha.id))).contains(head);
    assertThat(cluster.heard).containsExactly(Map.entry(alpha.id, Revision.of(head)));
    assertThat(beta.ref(Refs.MAIN)).isEmpty();
  }

  @Test
  void pushingTheSameHeadAgainIsUpToDate() throws Exception {
    alpha.commit("notes.txt", "hello");
    transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    PeerResult again = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    assertThat(again.outcome()).isEqualTo(PeerOutcome.UP_TO_DATE);
    assertThat(cluster.heard).hasSize(1);
  }

  @Test
  void aRewrittenBranchReplacesTheInbox() throws Exception {
    alpha.commit("notes.txt", "one");
    transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);
    TestNode alphaAgain = new TestNode(temp.resolve("again"), "alpha");
    String unrelated = alphaAgain.commit("other.txt", "two");
    SshPeerTransport withAlphasKey = transportOf(alpha);

    PeerResult result = withAlphasKey.push(alphaAgain.layout, alpha.id, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.PUSHED);
    assertThat(beta.ref(Refs.inbox(alpha.id))).contains(unrelated);
  }

  @Test
  void aPushThatFindsItsInboxLockedForAMomentLandsAfterAll() throws Exception {
    String head = alpha.commit("notes.txt", "hello");
    Path lock = lockInbox(beta, alpha);
    // unlocked a moment after the pushed commit arrived, when beta has tried the ref update once
    Path pushedObjects = beta.layout.gitDir().resolve("objects/pack");
    Thread unlock = new Thread(() -> {
      try {
        while (!hasPack(pushedObjects)) {
          Thread.sleep(5);
        }
        Thread.sleep(200);
        Files.delete(lock);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    unlock.start();

    PeerResult result = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);
    unlock.join();

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.PUSHED);
    assertThat(beta.ref(Refs.inbox(alpha.id))).contains(head);
    assertThat(cluster.heard).containsExactly(Map.entry(alpha.id, Revision.of(head)));
  }

  @Test
  void aPushThatFindsItsInboxLockedForGoodFailsWithoutBeingRefused() throws Exception {
    alpha.commit("notes.txt", "hello");
    lockInbox(beta, alpha);

    PeerResult result = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.FAILED);
    assertThat(result.detail()).contains("busy");
    assertThat(cluster.heard).isEmpty();
    assertThat(beta.ref(Refs.inbox(alpha.id))).isEmpty();
  }

  @Test
  void aPushThatFindsALockLeftByAKilledProcessRemovesItAndLands() throws Exception {
    String head = alpha.commit("notes.txt", "hello");
    Path lock = lockInbox(beta, alpha);
    age(lock, Duration.ofMinutes(1));

    PeerResult result = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.PUSHED);
    assertThat(beta.ref(Refs.inbox(alpha.id))).contains(head);
    assertThat(cluster.heard).containsExactly(Map.entry(alpha.id, Revision.of(head)));
    assertThat(lock).doesNotExist();
  }

  @Test
  void aFetchThatFindsALockLeftByAKilledProcessRemovesItAndMirrors() throws Exception {
    String head = beta.commit("notes.txt", "from beta");
    Path lock = lockInbox(alpha, beta);
    age(lock, Duration.ofMinutes(1));

    PeerResult result = transportOf(alpha).fetch(alpha.layout, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(alpha.ref(Refs.inbox(beta.id))).contains(head);
    assertThat(lock).doesNotExist();
  }

  @Test
  void aFetchThatFindsItsInboxLockedRightNowFailsAndLeavesTheLock() throws Exception {
    beta.commit("notes.txt", "from beta");
    Path lock = lockInbox(alpha, beta);

    PeerResult result = transportOf(alpha).fetch(alpha.layout, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.FAILED);
    assertThat(alpha.ref(Refs.inbox(beta.id))).isEmpty();
    assertThat(lock).exists();
  }

  private static void age(Path file, Duration by) throws java.io.IOException {
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(by)));
  }

  private static boolean hasPack(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".pack"));
    }
  }

  /** Locks {@code sender}'s inbox at {@code holder}, as a ref update in progress there does. */
  private static Path lockInbox(TestNode holder, TestNode sender) throws Exception {
    Path lock = holder.layout.gitDir().resolve(Refs.inbox(sender.id) + ".lock");
    Files.createDirectories(lock.getParent());
    Files.writeString(lock, "");
    return lock;
  }

  @Test
  void aNodeWithoutCommitsHasNothingToPush() throws Exception {
    PeerResult result = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.UP_TO_DATE);
    assertThat(beta.ref(Refs.inbox(alpha.id))).isEmpty();
  }

  @Test
  void fetchMirrorsThePeersMainIntoItsInbox() throws Exception {
    String head = beta.commit("notes.txt", "from beta");

    PeerResult result = transportOf(alpha).fetch(alpha.layout, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(alpha.ref(Refs.inbox(beta.id))).contains(head);
    assertThat(alpha.ref(Refs.MAIN)).isEmpty();
    assertThat(transportOf(alpha).fetch(alpha.layout, cluster.betaPeer).outcome()).isEqualTo(PeerOutcome.UP_TO_DATE);
    String next = beta.commit("notes.txt", "again");
    assertThat(transportOf(alpha).fetch(alpha.layout, cluster.betaPeer).outcome()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(alpha.ref(Refs.inbox(beta.id))).contains(next);
  }

  @Test
  void aFetchReportsTheObjectsItReceivesAsProgress() throws Exception {
    beta.commit("notes.txt", "hello");
    List<String> tasks = new CopyOnWriteArrayList<>();
    AtomicLong units = new AtomicLong();
    Progress recording = (title, total) -> {
      tasks.add(title);
      return new Progress.Task() {
        @Override
        public void advance(long n) {
          units.addAndGet(n);
        }

        @Override
        public void close() {
          // nothing to release
        }
      };
    };

    PeerResult result = new SshPeerTransport(alpha.home, recording).fetch(alpha.layout, cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(tasks).contains("receiving objects (from beta)");
    assertThat(units.get()).as("a commit, a tree and a blob at least").isGreaterThanOrEqualTo(3);
  }

  @Test
  void fetchingFromAPeerWithoutCommitsIsUpToDate() throws Exception {
    PeerResult result = transportOf(alpha).fetch(alpha.layout, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.UP_TO_DATE);
    assertThat(alpha.ref(Refs.inbox(beta.id))).isEmpty();
  }

  @Test
  void readOnlyMemberCannotPush() throws Exception {
    TestNode reader = cluster.reader;
    reader.commit("notes.txt", "not welcome");

    PeerResult result = transportOf(reader).push(reader.layout, reader.id, cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).isEqualTo("reader is a read-only member of this cluster: its changes are not accepted");
    assertThat(beta.ref(Refs.inbox(reader.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
  }

  @Test
  void readOnlyMemberMayFetch() throws Exception {
    String head = beta.commit("notes.txt", "for everyone");

    PeerResult result = transportOf(cluster.reader).fetch(cluster.reader.layout, cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(cluster.reader.ref(Refs.inbox(beta.id))).contains(head);
  }

  @Test
  void aNonMemberIsRefusedAtAuthentication() throws Exception {
    TestNode mallory = cluster.mallory;
    mallory.commit("notes.txt", "intrusion");

    PeerResult push = transportOf(mallory).push(mallory.layout, mallory.id, cluster.betaPeer);
    PeerResult fetch = transportOf(mallory).fetch(mallory.layout, cluster.betaPeer);

    assertThat(push.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(push.detail()).contains("does not accept this node's key");
    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(beta.ref(Refs.inbox(mallory.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
  }

  @Test
  void aPeerPresentingAnotherHostKeyIsRefused() throws Exception {
    alpha.commit("notes.txt", "secret");
    Member impostor = Member.builder().from(cluster.betaPeer).hostKey(cluster.mallory.identity.hostKey()).build();

    PeerResult push = transportOf(alpha).push(alpha.layout, alpha.id, impostor);
    PeerResult fetch = transportOf(alpha).fetch(alpha.layout, impostor);

    assertThat(push.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(push.detail())
        .contains("presented host key " + beta.identity.hostKey().fingerprint())
        .contains("pins " + cluster.mallory.identity.hostKey().fingerprint());
    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(beta.ref(Refs.inbox(alpha.id))).isEmpty();
  }

  @Test
  void aStoppedPeerIsUnreachable() throws Exception {
    alpha.commit("notes.txt", "hello");
    cluster.server.close();

    PeerResult push = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);
    PeerResult fetch = transportOf(alpha).fetch(alpha.layout, cluster.betaPeer);

    assertThat(push.outcome()).as(push.detail()).isEqualTo(PeerOutcome.UNREACHABLE);
    assertThat(push.detail()).startsWith("cannot reach beta at " + cluster.betaPeer.endpoint());
    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.UNREACHABLE);
  }

  @Test
  void aProbeReturnsThePeersHeadWithoutDownloadingIt() throws Exception {
    String head = beta.commit("notes.txt", "on beta");

    PeerProbe probe = transportOf(alpha).probe(cluster.betaPeer, Duration.ofSeconds(5));

    assertThat(probe.reached()).as(probe.detail()).isTrue();
    assertThat(probe.head()).contains(Revision.of(head));
    assertThat(alpha.ref(Refs.inbox(beta.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
  }

  @Test
  void aProbeOfAPeerWithoutCommitsAnswersWithNoHead() {
    PeerProbe probe = transportOf(cluster.reader).probe(cluster.betaPeer, Duration.ofSeconds(5));

    assertThat(probe.reached()).as(probe.detail()).isTrue();
    assertThat(probe.head()).isEmpty();
  }

  @Test
  void aProbeTellsAStrangerFromAStoppedPeer() {
    PeerProbe stranger = transportOf(cluster.mallory).probe(cluster.betaPeer, Duration.ofSeconds(5));
    assertThat(stranger.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(stranger.detail()).contains("does not accept this node's key");

    cluster.close();
    PeerProbe stopped = transportOf(alpha).probe(cluster.betaPeer, Duration.ofSeconds(5));
    assertThat(stopped.outcome()).isEqualTo(PeerOutcome.UNREACHABLE);
    assertThat(stopped.detail()).contains("cannot reach beta");
  }

  @Test
  void aMemberCannotPushIntoAnotherMembersInbox() throws Exception {
    alpha.commit("notes.txt", "pretending");

    PeerResult result = transportOf(alpha).pushRef(alpha.layout, cluster.betaPeer, Refs.MAIN, Refs.inbox(cluster.reader.id));

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).isEqualTo("alpha may push only into refs/gtfc/inbox/alpha, not into refs/gtfc/inbox/reader");
    assertThat(beta.ref(Refs.inbox(cluster.reader.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
  }

  @Test
  void aMemberCannotPushIntoTheCheckedOutBranch() throws Exception {
    String before = beta.commit("notes.txt", "beta's");
    alpha.commit("notes.txt", "overwrite");

    PeerResult result = transportOf(alpha).pushRef(alpha.layout, cluster.betaPeer, Refs.MAIN, Refs.MAIN);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).isEqualTo("alpha may push only into refs/gtfc/inbox/alpha, not into refs/heads/main");
    assertThat(beta.ref(Refs.MAIN)).contains(before);
  }

  @Test
  void aNodeCannotPushIntoItsOwnInboxAtItself() throws Exception {
    beta.commit("notes.txt", "echo");

    PeerResult result = transportOf(beta).push(beta.layout, beta.id, cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).isEqualTo("beta is this node's own name: a node never pushes to itself");
    assertThat(beta.ref(Refs.inbox(beta.id))).isEmpty();
  }

  @Test
  void joinWithAValidSecretAdmitsTheNode() throws Exception {
    JoinRequest request = requestOf(new TestNode(temp, "gamma"), "gamma");

    JoinAnswer answer = new SshPeerTransport(temp.resolve("gamma-has-no-keys-yet")).join(
        cluster.invitation(ServedCluster.SECRET), request);

    assertThat(answer.cluster()).isEqualTo(ServedCluster.CLUSTER);
    assertThat(answer.role()).isEqualTo(Role.READ_WRITE);
    assertThat(answer.inviter()).isEqualTo(cluster.betaPeer);
    assertThat(answer.inviter().hostKey()).isEqualTo(beta.identity.hostKey());
    assertThat(cluster.admitted).containsExactly(request);
  }

  @Test
  void aSecretIsGoodForOneJoinOnly() throws Exception {
    SshPeerTransport transport = transportOf(new TestNode(temp, "gamma"));
    transport.join(cluster.invitation(ServedCluster.SECRET), requestOf(new TestNode(temp, "delta"), "delta"));

    assertThatThrownBy(() -> transport.join(cluster.invitation(ServedCluster.SECRET),
        requestOf(new TestNode(temp, "epsilon"), "epsilon")))
        .isInstanceOf(GtfcException.class)
        .hasMessageContaining("does not accept this token")
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.REFUSED);
    assertThat(cluster.admitted).hasSize(1);
  }

  @Test
  void joinWithAnUnknownSecretIsRefused() throws Exception {
    assertThatThrownBy(() -> transportOf(alpha).join(cluster.invitation("some-secret-nobody-issued"),
        requestOf(new TestNode(temp, "gamma"), "gamma")))
        .isInstanceOf(GtfcException.class)
        .hasMessage("the inviting node at " + cluster.server.address() + " does not accept this token: it was"
            + " already used, has expired or was never issued there; ask for a new one with 'gtfc invite'")
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.REFUSED);
    assertThat(cluster.admitted).isEmpty();
  }

  @Test
  void joinRefusesAnInviterWithAnotherHostKey() throws Exception {
    Invitation forged = Invitation.builder()
        .from(cluster.invitation(ServedCluster.SECRET))
        .hostKeyFingerprint(cluster.mallory.identity.hostKey().fingerprint())
        .build();

    assertThatThrownBy(() -> transportOf(alpha).join(forged, requestOf(new TestNode(temp, "gamma"), "gamma")))
        .isInstanceOf(GtfcException.class)
        .hasMessageContaining("presented host key " + beta.identity.hostKey().fingerprint())
        .hasMessageContaining("not " + cluster.mallory.identity.hostKey().fingerprint())
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.REFUSED);
    assertThat(cluster.admitted).isEmpty();
  }

  @Test
  void theInvitersRefusalReachesTheJoinerAsOneLine() throws Exception {
    assertThatThrownBy(() -> transportOf(alpha).join(cluster.invitation(ServedCluster.SECRET),
        requestOf(new TestNode(temp, "taken"), "taken")))
        .isInstanceOf(GtfcException.class)
        .hasMessage("the name 'taken' is already a member's: join with another --name")
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.REFUSED);
  }

  @Test
  void aPushTheReceiverRefusesIsReportedWithItsReasonAndStaysInTheInbox() throws Exception {
    String head = alpha.commit(".gtfc-notes.txt", "hello");
    cluster.refusePushesWith = "what alpha sent changes the member list but is not signed by an admin";

    PeerResult result = transportOf(alpha).push(alpha.layout, alpha.id, cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).isEqualTo("what alpha sent changes the member list but is not signed by an admin");
    assertThat(beta.ref(Refs.inbox(alpha.id))).contains(head);
  }

  @Test
  void leaveAsksTheAdminsDeskAndReturnsItsAnswer() {
    PeerResult result = transportOf(alpha).leave(cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isEqualTo(PeerOutcome.REMOVED);
    assertThat(result.succeeded()).isTrue();
    assertThat(result.detail()).isEqualTo("beta removed alpha from cluster " + ServedCluster.CLUSTER);
    assertThat(cluster.left).containsExactly(alpha.id);
  }

  @Test
  void theAdminsRefusalToRemoveReachesTheLeaverAsOneLine() {
    PeerResult result = transportOf(cluster.reader).leave(cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).isEqualTo("reader may not leave today");
    assertThat(cluster.left).isEmpty();
  }

  @Test
  void aNonMembersLeaveIsRefusedAtAuthentication() {
    PeerResult result = transportOf(cluster.mallory).leave(cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).contains("does not accept this node's key");
    assertThat(cluster.left).isEmpty();
  }

  @Test
  void leaveTalksOnlyToTheHostKeyTheMemberListPins() {
    Member impostor = Member.builder().from(cluster.betaPeer).hostKey(cluster.mallory.identity.hostKey()).build();

    PeerResult result = transportOf(alpha).leave(impostor);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(result.detail()).contains("presented host key " + beta.identity.hostKey().fingerprint());
    assertThat(cluster.left).isEmpty();
  }

  @Test
  void leaveWithAStoppedAdminIsUnreachable() {
    cluster.server.close();

    PeerResult result = transportOf(alpha).leave(cluster.betaPeer);

    assertThat(result.outcome()).isEqualTo(PeerOutcome.UNREACHABLE);
    assertThat(result.detail()).startsWith("cannot reach beta at " + cluster.betaPeer.endpoint());
  }

  @Test
  void joinWithAStoppedInviterIsUnreachable() throws Exception {
    cluster.server.close();

    assertThatThrownBy(() -> transportOf(alpha).join(cluster.invitation(ServedCluster.SECRET),
        requestOf(new TestNode(temp, "gamma"), "gamma")))
        .isInstanceOf(GtfcException.class)
        .hasMessageStartingWith("cannot reach the inviting node at " + cluster.server.address())
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.UNREACHABLE);
  }

  private static JoinRequest requestOf(TestNode node, String name) {
    return JoinRequest.builder()
        .name(NodeId.of(name))
        .userKey(node.identity.userKey())
        .hostKey(node.identity.hostKey())
        .endpoint(Endpoint.of("127.0.0.1", 7009))
        .build();
  }
}
