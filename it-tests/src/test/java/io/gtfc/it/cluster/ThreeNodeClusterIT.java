package io.gtfc.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Three nodes, each in its own container on one network, each running {@code gtfc watch}. The
 * scenarios share one cluster and run in order, each in its own directory of the folder; after
 * a failed scenario the next one gets a fresh cluster, so one failure does not hide the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterIT {
  /** NAME.sync-conflict-YYYYMMDD-HHMMSS-NODE.EXT; group 1 is the node. */
  private static final Pattern CONFLICT_COPY = Pattern.compile("same/shared\\.sync-conflict-\\d{8}-\\d{6}-(n[123])\\.txt");
  private static final int BURST = 2_000;
  /**
   * A burst is committed in many small commits, each pushed to both peers: about 30 s on an idle
   * two-core machine, several minutes when other builds share it.
   */
  private static final Duration BURST_CONVERGENCE = Duration.ofMinutes(4);
  /**
   * How long edits may take to reach every node while all are up: they are pushed at once, so
   * this is below the 30 s catch-up, which would otherwise hide a daemon that stopped pushing or
   * committing.
   */
  private static final Duration LIVE_SPREAD = Duration.ofSeconds(25);

  private Cluster cluster;
  private boolean broken;

  @RegisterExtension
  final TestWatcher failures = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      broken = true;
    }
  };

  @BeforeAll
  void startCluster() {
    cluster = Cluster.start("three-nodes", 3);
  }

  @BeforeEach
  void freshClusterAfterAFailure() {
    if (broken) {
      cluster.close();
      cluster = Cluster.start("three-nodes", 3);
      broken = false;
    }
  }

  @AfterAll
  void removeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void nodesJoinAcrossContainersAndEveryNodeListsAllThree() {
    FolderState agreed = cluster.awaitConverged();

    for (Node node : cluster.nodes()) {
      String members = node.gtfc("nodes", Node.FOLDER);
      assertThat(members).as("gtfc nodes on %s", node)
          .containsPattern("\\*? +n1 +n1:7419 +admin ")
          .containsPattern("\\*? +n2 +n2:7419 +read-write ")
          .containsPattern("\\*? +n3 +n3:7419 +read-write ")
          .containsPattern("\\* +" + node.name() + " ");
      assertThat(node.sh("cat " + Node.FOLDER + "/.git")).as("%s's .git file", node).contains("/data/.git.share");
      assertThat(node.git("log", "--format=%an")).as("%s's history", node).contains("n1");
    }
    assertThat(agreed.files()).containsKeys(".gtfc/authorized_keys", ".gtfc/known_hosts");
  }

  @Test
  @Order(2)
  void editsOnEachNodeConvergeOnAllThree() {
    Node n1 = cluster.node("n1");
    Node n2 = cluster.node("n2");
    Node n3 = cluster.node("n3");

    Cluster.parallel(cluster.nodes(), n -> {
      n.write("edits/from-" + n.name() + ".txt", "written on " + n.name() + "\n");
      return null;
    });
    cluster.awaitConverged(cluster.nodes(), LIVE_SPREAD);
    n3.write("edits/from-n1.txt", "written on n1\nand extended on n3\n");
    n1.delete("edits/from-n2.txt");
    n2.write("edits/deep/er/new.txt", "a new directory on n2\n");
    FolderState agreed = cluster.awaitConverged(cluster.nodes(), LIVE_SPREAD);

    assertThat(agreed.files()).containsKeys("edits/from-n1.txt", "edits/from-n3.txt", "edits/deep/er/new.txt")
        .doesNotContainKey("edits/from-n2.txt");
    for (Node node : cluster.nodes()) {
      assertThat(node.read("edits/from-n1.txt")).as("on %s", node).contains("written on n1\nand extended on n3\n");
      assertThat(node.read("edits/from-n3.txt")).as("on %s", node).contains("written on n3\n");
      assertThat(node.read("edits/from-n2.txt")).as("on %s", node).isEmpty();
      assertThat(node.git("log", "--format=%an", "--", "edits/from-n2.txt").lines())
          .as("authors of edits/from-n2.txt on %s", node).contains("n2", "n1");
      assertThat(node.git("log", "--format=%an", "--", "edits/from-n1.txt").lines())
          .as("authors of edits/from-n1.txt on %s", node).contains("n1", "n3");
      assertThat(node.git("ls-files", "edits")).as("tracked on %s", node)
          .contains("edits/from-n1.txt", "edits/deep/er/new.txt").doesNotContain("edits/from-n2.txt");
    }
  }

  @Test
  @Order(3)
  void theSameFileEditedOnAllThreeAtOnceKeepsEveryEdit() {
    cluster.node("n1").write("same/shared.txt", "the first version\n");
    cluster.awaitConverged(cluster.nodes(), LIVE_SPREAD);

    long at = System.currentTimeMillis() + 2_000;
    Cluster.parallel(cluster.nodes(), n -> {
      n.writeAt(at, "same/shared.txt", "the edit made on " + n.name() + "\n");
      return null;
    });
    FolderState agreed = cluster.awaitConverged(cluster.nodes(), LIVE_SPREAD);

    List<String> inSame = agreed.files().keySet().stream().filter(p -> p.startsWith("same/")).toList();
    for (Node node : cluster.nodes()) {
      List<String> contents = new ArrayList<>();
      inSame.forEach(p -> node.read(p).ifPresent(contents::add));
      assertThat(contents).as("same/shared.txt and its conflict copies on %s (%s)", node, inSame)
          .containsExactlyInAnyOrder("the edit made on n1\n", "the edit made on n2\n", "the edit made on n3\n");
      assertThat(node.git("log", "--format=%an", "--", "same").lines()).as("authors in same/ on %s", node)
          .contains("n1", "n2", "n3");
    }
    // the later edit (then the greater node id) stays at the path; each other edit is one copy named after its node
    Node n1 = cluster.node("n1");
    assertThat(inSame).as("same/ holds the file and one copy per other edit").hasSize(3).contains("same/shared.txt");
    for (String copy : inSame.stream().filter(p -> !p.equals("same/shared.txt")).toList()) {
      Matcher named = CONFLICT_COPY.matcher(copy);
      assertThat(named.matches()).as("%s is named NAME.sync-conflict-YYYYMMDD-HHMMSS-NODE.EXT", copy).isTrue();
      assertThat(n1.read(copy)).as("conflict copy %s holds the edit of the node it names (all: %s)", copy, inSame)
          .contains("the edit made on " + named.group(1) + "\n");
    }
  }

  @Test
  @Order(4)
  void aNodeCutOffWhileAllEditCatchesUpAfterTheHealWithNoEditLost() {
    Node n1 = cluster.node("n1");
    Node n2 = cluster.node("n2");
    Node n3 = cluster.node("n3");

    n3.disconnect();
    n1.write("cut/on-n1.txt", "n1 while n3 was away\n");
    n2.write("cut/on-n2.txt", "n2 while n3 was away\n");
    n3.write("cut/on-n3.txt", "n3 while it was cut off\n");
    n1.write("edits/from-n3.txt", "written on n3\nand changed on n1 during the cut\n");
    FolderState twoSides = cluster.awaitConverged(cluster.nodes("n1", "n2"), LIVE_SPREAD);
    assertThat(twoSides.files()).containsKeys("cut/on-n1.txt", "cut/on-n2.txt").doesNotContainKey("cut/on-n3.txt");
    Awaitility.await("n3 to commit its edit while cut off").atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(n3.state().clean()).isTrue());
    assertThat(n3.files()).contains("cut/on-n3.txt").doesNotContain("cut/on-n1.txt", "cut/on-n2.txt");

    n3.reconnect();
    FolderState agreed = cluster.awaitConverged();

    assertThat(agreed.files()).containsKeys("cut/on-n1.txt", "cut/on-n2.txt", "cut/on-n3.txt");
    for (Node node : cluster.nodes()) {
      assertThat(node.read("cut/on-n3.txt")).as("on %s", node).contains("n3 while it was cut off\n");
      assertThat(node.read("cut/on-n1.txt")).as("on %s", node).contains("n1 while n3 was away\n");
      assertThat(node.read("edits/from-n3.txt")).as("on %s", node)
          .contains("written on n3\nand changed on n1 during the cut\n");
    }
  }

  @Test
  @Order(5)
  void aReceiverKilledInTheMiddleOfABurstCatchesUpAfterRestart() {
    Node writer = cluster.node("n1");
    Node victim = cluster.node("n2");

    writer.startBurst("burst-a", BURST);
    Awaitility.await("part of the burst to reach n2").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> victim.fileCount("burst-a") > 0);
    victim.killDaemon();
    int atKill = victim.fileCount("burst-a");
    Awaitility.await("the burst to end").atMost(Duration.ofSeconds(120)).until(writer::burstDone);
    cluster.awaitConverged(cluster.nodes("n1", "n3"), BURST_CONVERGENCE);
    assertThat(victim.fileCount("burst-a")).as("files n2 had when its daemon was killed").isLessThan(BURST);

    victim.startDaemon();
    FolderState agreed = cluster.awaitConverged(cluster.nodes(), BURST_CONVERGENCE);

    assertThat(agreed.files().keySet().stream().filter(p -> p.startsWith("burst-a/"))).hasSize(BURST);
    assertThat(atKill).as("n2 was killed in the middle of the burst").isLessThan(BURST);
    assertFsckClean();
  }

  @Test
  @Order(6)
  void aWriterKilledInTheMiddleOfItsBurstCommitsTheRestAfterRestart() {
    Node writer = cluster.node("n3");

    writer.startBurst("burst-b", BURST);
    Awaitility.await("half the burst to be written").atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> writer.fileCount("burst-b") >= BURST / 2);
    writer.killDaemon();
    assertThat(writer.burstDone()).as("n3's daemon was killed before the burst ended").isFalse();
    Awaitility.await("the burst to end").atMost(Duration.ofSeconds(120)).until(writer::burstDone);

    writer.startDaemon();
    FolderState agreed = cluster.awaitConverged(cluster.nodes(), BURST_CONVERGENCE);

    assertThat(agreed.files().keySet().stream().filter(p -> p.startsWith("burst-b/"))).hasSize(BURST);
    for (Node node : cluster.nodes()) {
      assertThat(node.read("burst-b/f" + BURST + ".txt")).as("on %s", node).contains("burst file " + BURST + "\n");
    }
    assertFsckClean();
  }

  @Test
  @Order(7)
  void allThreeStoppedAndStartedAgainKeepTheirStateAndResumeSyncing() {
    FolderState before = cluster.awaitConverged();

    Cluster.parallel(cluster.nodes(), n -> {
      n.stopContainer();
      return null;
    });
    // back in another order than they first started, as hosts come back after an outage (the
    // containers' file systems then get other device numbers, as btrfs or LVM volumes may after a reboot)
    List<Node> reversed = new ArrayList<>(cluster.nodes());
    Collections.reverse(reversed);
    reversed.forEach(Node::startContainer);
    for (FolderState after : cluster.states(cluster.nodes())) {
      assertThat(after.sameAs(before)).as("%s after the restart, before its daemon starts:%n%s", after.node(),
          before.differenceFrom(after)).isTrue();
    }
    // what a daemon killed while it wrote n1's inbox leaves behind: a lock that no process holds
    Node n2 = cluster.node("n2");
    n2.sh("mkdir -p /data/.git.share/refs/gtfc/inbox && touch /data/.git.share/refs/gtfc/inbox/n1.lock");
    Cluster.parallel(cluster.nodes(), n -> {
      n.startDaemon();
      return null;
    });
    assertThat(cluster.awaitConverged().head()).as("the head after the daemons started again").isEqualTo(before.head());

    for (Node node : cluster.nodes()) {
      assertThat(node.daemonLog()).as("%s's daemon log since the restart", node).doesNotContain(" ERROR ");
    }

    for (Node node : cluster.nodes()) {
      node.write("restart/on-" + node.name() + ".txt", "written on " + node.name() + " after the restart\n");
      cluster.awaitConverged(cluster.nodes(), LIVE_SPREAD);
    }
    FolderState resumed = cluster.awaitConverged();

    assertThat(resumed.files()).containsKeys("restart/on-n1.txt", "restart/on-n2.txt", "restart/on-n3.txt");
    assertThat(n2.daemonLog()).contains("removed refs/gtfc/inbox/n1.lock");
    assertThat(resumed.head()).isNotEqualTo(before.head());
    assertFsckClean();
  }

  /** {@code git fsck} finds nothing broken or missing on any node. */
  private void assertFsckClean() {
    List<Node> nodes = cluster.nodes();
    List<String> outputs = Cluster.parallel(nodes, n -> n.sh(
        "git -C " + Node.FOLDER + " fsck --full --no-dangling --no-progress 2>&1; echo \"exit $?\""));
    for (int i = 0; i < nodes.size(); i++) {
      assertThat(outputs.get(i)).as("git fsck on %s", nodes.get(i))
          .endsWith("exit 0\n")
          .doesNotContainPattern("(?m)^(error|missing|broken|bad|fatal)");
    }
  }
}
