package io.gtfc.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** n3 joins with a read-only invitation: it receives every change, and nobody takes its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadOnlyMemberIT {
  private Cluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = Cluster.start("read-only", 3, Set.of("n3"));
  }

  @AfterAll
  void removeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aReadOnlyMembersChangeIsTakenByNoOtherNode() {
    Node n1 = cluster.node("n1");
    Node n2 = cluster.node("n2");
    Node n3 = cluster.node("n3");
    assertThat(n1.gtfc("nodes", Node.FOLDER)).containsPattern(" n3 +n3:7419 +read-only ");
    n1.write("doc.txt", "written on n1\n");
    cluster.awaitConverged();

    n3.write("doc.txt", "changed on the read-only n3\n");
    n3.write("from-n3.txt", "added on the read-only n3\n");
    Awaitility.await("n3 to commit its own edits").atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(n3.state().clean()).isTrue());
    // a daemon catches up from every peer when it starts: n1 and n2 now fetch from n3 as well
    for (Node node : cluster.nodes("n1", "n2")) {
      node.stopDaemon();
      node.startDaemon();
    }
    n2.write("after.txt", "written on n2 after n3's edit\n");
    FolderState writers = cluster.awaitConverged(cluster.nodes("n1", "n2"), Cluster.CONVERGENCE);
    Awaitility.await("n3 to receive n2's later edit").atMost(Cluster.CONVERGENCE)
        .untilAsserted(() -> assertThat(n3.read("after.txt")).contains("written on n2 after n3's edit\n"));

    assertThat(writers.files()).containsKey("after.txt").doesNotContainKey("from-n3.txt");
    for (Node node : cluster.nodes("n1", "n2")) {
      assertThat(node.read("doc.txt")).as("doc.txt on %s", node).contains("written on n1\n");
      assertThat(node.read("from-n3.txt")).as("from-n3.txt on %s", node).isEmpty();
      assertThat(node.git("log", "--format=%an").lines()).as("authors in %s's branch", node).doesNotContain("n3");
    }
    assertThat(n3.daemonLog()).as("n3's daemon log").contains("is a read-only member of this cluster");
  }
}
