package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gtfc.domain.RelativePath;
import io.gtfc.git.JGitVersionStores;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.VersionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three 'gtfc watch' daemons in one JVM on loopback, with real inotify: edits, deletions and
 * renames in any folder show up in the others with no command typed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchClusterTest {
  private static final Duration BLINK = Duration.ofSeconds(10);

  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private ServingNode beta;
  private ServingNode gamma;

  @BeforeAll
  void startDaemons() {
    gtfc = new CliRunner(root);
    alpha = new ServingNode(root, "alpha");
    beta = new ServingNode(root, "beta");
    gamma = new ServingNode(root, "gamma");
    assertThat(gtfc.run("--home", alpha.home.toString(), "bootstrap", alpha.folder.toString(),
        "--name", "alpha", "--listen", alpha.listen()).code()).isZero();
    alpha.watch();
    for (ServingNode n : List.of(beta, gamma)) {
      CliRunner.Result invite = gtfc.run("--home", alpha.home.toString(), "invite", alpha.folder.toString());
      CliRunner.Result joined = gtfc.run("--home", n.home.toString(), "join", invite.outLine(),
          n.folder.toString(), "--name", n.name, "--listen", n.listen());
      assertThat(joined.code()).as(joined.err()).isZero();
      n.watch();
    }
  }

  @AfterAll
  void stopDaemons() throws InterruptedException {
    for (ServingNode n : new ServingNode[] {alpha, beta, gamma}) {
      if (n != null) {
        n.close();
      }
    }
  }

  @Test
  @Order(1)
  void anEditOnAnyNodeAppearsOnTheOthersWithNoCommandTyped() throws IOException {
    Files.writeString(alpha.folder.resolve("from-alpha.txt"), "alpha\n");
    Files.createDirectories(gamma.folder.resolve("a/b/c"));
    Files.writeString(gamma.folder.resolve("a/b/c/deep.txt"), "gamma\n");

    await().atMost(BLINK).untilAsserted(() -> {
      for (ServingNode n : List.of(alpha, beta, gamma)) {
        assertThat(n.folder.resolve("from-alpha.txt")).hasContent("alpha");
        assertThat(n.folder.resolve("a/b/c/deep.txt")).hasContent("gamma");
      }
    });
  }

  @Test
  @Order(2)
  void deletionsAndRenamesAppearOnTheOthers() throws IOException {
    Files.move(beta.folder.resolve("from-alpha.txt"), beta.folder.resolve("renamed.txt"));
    Files.delete(alpha.folder.resolve("a/b/c/deep.txt"));

    await().atMost(BLINK).untilAsserted(() -> {
      for (ServingNode n : List.of(alpha, beta, gamma)) {
        assertThat(n.folder.resolve("renamed.txt")).hasContent("alpha");
        assertThat(n.folder.resolve("from-alpha.txt")).doesNotExist();
        assertThat(n.folder.resolve("a/b/c/deep.txt")).doesNotExist();
      }
    });
  }

  @Test
  @Order(3)
  void aDaemonStoppedEditedAroundAndRestartedCatchesUp() throws Exception {
    gamma.stop();
    Files.writeString(alpha.folder.resolve("while-gamma-slept.txt"), "from alpha\n");
    Files.writeString(gamma.folder.resolve("gamma-offline-edit.txt"), "from gamma\n");
    await().atMost(BLINK).untilAsserted(() ->
        assertThat(beta.folder.resolve("while-gamma-slept.txt")).hasContent("from alpha"));

    gamma.watch();

    await().atMost(BLINK).untilAsserted(() -> {
      for (ServingNode n : List.of(alpha, beta, gamma)) {
        assertThat(n.folder.resolve("while-gamma-slept.txt")).hasContent("from alpha");
        assertThat(n.folder.resolve("gamma-offline-edit.txt")).hasContent("from gamma");
      }
    });
  }
  @Test
  @Order(4)
  void anEditOfTheMemberListByHandIsNeitherCommittedNorSpread() throws IOException {
    Path keys = beta.folder.resolve(".gtfc/authorized_keys");
    String original = Files.readString(keys);
    Files.writeString(keys, original + "# beta was here\n");
    Files.writeString(beta.folder.resolve("ordinary.txt"), "beta\n");

    await().atMost(BLINK).untilAsserted(() -> {
      for (ServingNode n : List.of(alpha, gamma)) {
        assertThat(n.folder.resolve("ordinary.txt")).hasContent("beta");
      }
    });
    for (ServingNode n : List.of(alpha, gamma)) {
      assertThat(n.folder.resolve(".gtfc/authorized_keys")).content().doesNotContain("beta was here");
    }
    try (VersionStore store = new JGitVersionStores().open(FolderLayout.of(beta.folder))) {
      assertThat(store.pendingChanges()).containsExactly(RelativePath.of(".gtfc/authorized_keys"));
      assertThat(store.readAtHead(RelativePath.of(".gtfc/authorized_keys")).map(String::new)).contains(original);
    }
    Files.writeString(keys, original);
  }
}
