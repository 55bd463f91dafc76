package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Member;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Refs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One transport keeps its connection to a peer between exchanges, and copes when the peer goes away. */
class KeptConnectionsTest {
  @TempDir
  Path temp;

  private ServedCluster cluster;
  private SshPeerTransport alphas;
  private PeerServer.Running restarted;

  @BeforeEach
  void serveBeta() throws Exception {
    cluster = new ServedCluster(temp);
    alphas = new SshPeerTransport(cluster.alpha.home);
  }

  @AfterEach
  void stop() {
    cluster.close();
    if (restarted != null) {
      restarted.close();
    }
  }

  @Test
  void pushesAndFetchesOneAfterAnotherUseTheKeptConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      String head = cluster.alpha.commit("notes.txt", "version " + i);
      PeerResult push = alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer);
      assertThat(push.outcome()).as(push.detail()).isEqualTo(PeerOutcome.PUSHED);
      assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).contains(head);
    }
    String betas = cluster.beta.commit("other.txt", "from beta");

    PeerResult fetch = alphas.fetch(cluster.alpha.layout, cluster.betaPeer);

    assertThat(fetch.outcome()).as(fetch.detail()).isEqualTo(PeerOutcome.FETCHED);
    assertThat(cluster.alpha.ref(Refs.inbox(cluster.beta.id))).contains(betas);
    assertThat(cluster.heard).hasSize(3);
  }

  @Test
  void aPeerThatRestartedIsReachedOnANewConnection() throws Exception {
    cluster.alpha.commit("notes.txt", "before");
    assertThat(alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer).outcome()).isEqualTo(PeerOutcome.PUSHED);
    cluster.server.close();
    restarted = new SshdPeerServer(cluster.beta.home).start(cluster.spec(cluster.betaPeer.endpoint()));
    String head = cluster.alpha.commit("notes.txt", "after");

    PeerResult push = alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer);

    assertThat(push.outcome()).as(push.detail()).isEqualTo(PeerOutcome.PUSHED);
    assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).contains(head);
  }

  @Test
  void aPeerThatStoppedIsUnreachableThoughItsConnectionWasKept() throws Exception {
    cluster.alpha.commit("notes.txt", "before");
    assertThat(alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer).outcome()).isEqualTo(PeerOutcome.PUSHED);
    cluster.server.close();
    cluster.alpha.commit("notes.txt", "after");

    PeerResult push = alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer);

    assertThat(push.outcome()).as(push.detail()).isEqualTo(PeerOutcome.UNREACHABLE);
    assertThat(push.detail()).startsWith("cannot reach beta at " + cluster.betaPeer.endpoint());
  }

  @Test
  void aMemberRemovedMeanwhileCannotFetchOrPushOverTheConnectionItKept() throws Exception {
    cluster.alpha.commit("notes.txt", "before");
    assertThat(alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer).outcome()).isEqualTo(PeerOutcome.PUSHED);
    cluster.membership = cluster.membership.without(cluster.alpha.id);
    cluster.beta.commit("other.txt", "from beta");
    cluster.alpha.commit("notes.txt", "after");

    PeerResult fetch = alphas.fetch(cluster.alpha.layout, cluster.betaPeer);
    PeerResult push = alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer);

    assertThat(fetch.outcome()).as(fetch.detail()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(cluster.alpha.ref(Refs.inbox(cluster.beta.id))).isEmpty();
    assertThat(push.outcome()).as(push.detail()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(cluster.heard).hasSize(1);
  }

  @Test
  void aChangedHostKeyInTheMemberListIsCheckedOnANewConnection() throws Exception {
    cluster.alpha.commit("notes.txt", "before");
    assertThat(alphas.push(cluster.alpha.layout, cluster.alpha.id, cluster.betaPeer).outcome()).isEqualTo(PeerOutcome.PUSHED);
    Member repinned = Member.builder().from(cluster.betaPeer).hostKey(cluster.mallory.identity.hostKey()).build();
    cluster.alpha.commit("notes.txt", "after");

    PeerResult push = alphas.push(cluster.alpha.layout, cluster.alpha.id, repinned);

    assertThat(push.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(push.detail()).contains("pins " + cluster.mallory.identity.hostKey().fingerprint());
  }
}
