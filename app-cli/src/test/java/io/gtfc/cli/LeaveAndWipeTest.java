package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.git.JGitVersionStores;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.VersionStore;
import io.gtfc.ssh.SshPeerTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaving a cluster: an admin removes a node, a node asks to leave, nothing happens without an
 * admin, and wipe deletes gtfc's state but never a user's files unless asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaveAndWipeTest {
  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private ServingNode beta;
  private ServingNode gamma;
  private Member alphaMember;
  private Member betaMember;

  @BeforeAll
  void startCluster() throws IOException {
    gtfc = new CliRunner(root);
    alpha = new ServingNode(root, "alpha");
    beta = new ServingNode(root, "beta");
    gamma = new ServingNode(root, "gamma");
    gtfc.bootstrap(alpha);
    alpha.serve();
    for (ServingNode n : List.of(beta, gamma)) {
      gtfc.join(n, alpha);
      n.serve();
    }
    Files.writeString(alpha.folder.resolve("shared.txt"), "everyone has this\n");
    assertThat(gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString()).code()).isZero();
    alphaMember = member(alpha, "alpha");
    betaMember = member(alpha, "beta");
  }

  @AfterAll
  void stopCluster() throws InterruptedException {
    for (ServingNode n : new ServingNode[] {alpha, beta, gamma}) {
      if (n != null) {
        n.close();
      }
    }
  }

  @Test
  @Order(1)
  void onlyAnAdminRemovesAndNeverItselfOrAStranger() {
    CliRunner.Result byBeta = gtfc.run("--home", beta.home.toString(), "remove", "gamma", beta.folder.toString());
    CliRunner.Result itself = gtfc.run("--home", alpha.home.toString(), "remove", "alpha", alpha.folder.toString());
    CliRunner.Result stranger = gtfc.run("--home", alpha.home.toString(), "remove", "nobody", alpha.folder.toString());

    assertThat(byBeta.code()).isEqualTo(ExitCode.REFUSED.code);
    assertThat(byBeta.err()).isEqualTo("gtfc: only an admin can remove members, and this node ('beta') is read-write:"
        + " ask an admin ('gtfc nodes' lists them)\n");
    assertThat(itself.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertThat(itself.err()).contains("run 'gtfc unjoin' here");
    assertThat(stranger.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertThat(stranger.err()).contains("'nobody' is not a member of cluster");
    assertThat(nodes(gamma)).contains("gamma");
  }

  @Test
  @Order(2)
  void anAdminRemovesANodeAndEveryPeerThenRefusesItsKey() throws IOException {
    CliRunner.Result remove = gtfc.run("--home", alpha.home.toString(), "remove", "gamma", alpha.folder.toString());

    assertThat(remove.code()).as(remove.out() + remove.err()).isZero();
    assertThat(remove.out()).contains("removed gamma (read-write) from cluster").contains("member list version 4")
        .containsPattern("beta\\s+pushed");
    assertThat(nodes(alpha)).doesNotContain("gamma");
    assertThat(nodes(beta)).doesNotContain("gamma");

    Files.writeString(gamma.folder.resolve("from-gamma.txt"), "too late\n");
    CliRunner.Result push = gtfc.run("--home", gamma.home.toString(), "push", gamma.folder.toString());
    PeerResult fetch = new SshPeerTransport(gamma.home).fetch(FolderLayout.of(gamma.folder), alphaMember);

    assertThat(push.code()).isEqualTo(ExitCode.PARTIAL.code);
    assertThat(push.out()).containsPattern("alpha\\s+refused: alpha at 127.0.0.1:\\d+ does not accept this node's key")
        .containsPattern("beta\\s+refused: .*does not accept this node's key");
    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(fetch.detail()).contains("does not accept this node's key");
    assertThat(alpha.folder.resolve("from-gamma.txt")).doesNotExist();
    assertThat(beta.folder.resolve("from-gamma.txt")).doesNotExist();
  }

  @Test
  @Order(3)
  void unjoinWithNoAdminReachableChangesNothing() throws Exception {
    beta.stop();
    alpha.stop();
    Optional<String> head = head(beta);

    CliRunner.Result unjoin = gtfc.run("--home", beta.home.toString(), "unjoin", beta.folder.toString());

    assertThat(unjoin.code()).isEqualTo(ExitCode.UNREACHABLE.code);
    assertThat(unjoin.err()).startsWith("gtfc: no admin removed beta from the cluster, so nothing changed (alpha:"
        + " unreachable (cannot reach alpha at ").contains("or ask an admin to run 'gtfc remove beta'")
        .doesNotContain("\n\n");
    assertThat(unjoin.err().strip()).doesNotContain("\n");
    assertThat(head(beta)).isEqualTo(head);
    assertThat(beta.folder.resolve(".gtfc/authorized_keys")).exists();
    alpha.serve();
    assertThat(nodes(alpha)).contains("beta");
  }

  @Test
  @Order(4)
  void unjoinAsksTheAdminAndLeavesPlainFilesWithTheirHistory() throws IOException {
    CliRunner.Result unjoin = gtfc.run("--home", beta.home.toString(), "unjoin", beta.folder.toString());

    assertThat(unjoin.code()).as(unjoin.out() + unjoin.err()).isZero();
    assertThat(unjoin.out()).startsWith("left cluster ").contains("alpha removed beta from cluster")
        .contains(beta.folder + " stays as plain files with their history");
    assertThat(nodes(alpha)).doesNotContain("beta");
    assertThat(beta.folder.resolve("shared.txt")).hasContent("everyone has this");
    assertThat(beta.folder.resolve(".gtfc")).doesNotExist();
    assertThat(beta.home.resolve("id_ed25519")).exists();
    try (VersionStore store = new JGitVersionStores().open(FolderLayout.of(beta.folder))) {
      assertThat(store.history(Optional.empty(), 100)).hasSizeGreaterThan(3);
      assertThat(store.history(Optional.empty(), 1).get(0).message()).contains("beta left cluster");
    }

    PeerResult fetch = new SshPeerTransport(beta.home).fetch(FolderLayout.of(beta.folder), alphaMember);
    CliRunner.Result pull = gtfc.run("--home", beta.home.toString(), "pull", beta.folder.toString());

    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(fetch.detail()).contains("does not accept this node's key");
    assertThat(pull.code()).isEqualTo(ExitCode.BAD_STATE.code);
    assertThat(pull.err()).contains("is not in a cluster any more (this node left it");
  }

  @Test
  @Order(5)
  void theLastAdminCannotLeave() {
    CliRunner.Result unjoin = gtfc.run("--home", alpha.home.toString(), "unjoin", alpha.folder.toString());

    assertThat(unjoin.code()).isEqualTo(ExitCode.BAD_STATE.code);
    assertThat(unjoin.err()).contains("alpha is the only member of cluster");
  }

  @Test
  @Order(6)
  void wipeWithoutATerminalNeedsYesAndDeletesNothing() {
    CliRunner.Result wipe = gtfc.run("--home", beta.home.toString(), "wipe", beta.folder.toString());

    assertThat(wipe.code()).isEqualTo(ExitCode.REFUSED.code);
    assertThat(wipe.err()).startsWith("gtfc: gtfc wipe deletes the keys, settings and invitations of this node in ")
        .endsWith("there is no terminal to confirm on, so pass --yes\n");
    assertThat(beta.home.resolve("id_ed25519")).exists();
    assertThat(FolderLayout.of(beta.folder).gitDir()).exists();
  }

  @Test
  @Order(7)
  void wipeOnATerminalDeletesNothingUnlessTheAnswerIsYes() {
    CliRunner.Result wipe = gtfc.runOnTerminal("no\n", "--home", beta.home.toString(), "wipe", beta.folder.toString());

    assertThat(wipe.code()).isEqualTo(ExitCode.REFUSED.code);
    assertThat(wipe.err()).contains("gtfc wipe deletes:").contains("Type 'yes' to delete:").contains("nothing deleted");
    assertThat(beta.home.resolve("id_ed25519")).exists();
  }

  @Test
  @Order(8)
  void wipeDeletesGtfcStateButNeverTheFiles() throws IOException {
    Path hook = Files.createDirectories(beta.home.resolve("hooks")).resolve("post-sync");
    Files.writeString(hook, "#!/bin/sh\n");

    CliRunner.Result wipe = gtfc.run("--home", beta.home.toString(), "wipe", "--yes", beta.folder.toString());

    assertThat(wipe.code()).as(wipe.out() + wipe.err()).isZero();
    assertThat(wipe.out()).contains(beta.folder + " stays as plain files");
    assertThat(beta.home.resolve("id_ed25519")).doesNotExist();
    assertThat(beta.home.resolve("ssh_host_ed25519_key")).doesNotExist();
    assertThat(beta.home.resolve("node.properties")).doesNotExist();
    assertThat(hook).as("hooks are the user's").exists();
    assertThat(FolderLayout.of(beta.folder).gitDir()).doesNotExist();
    assertThat(beta.folder.resolve(".git")).doesNotExist();
    assertThat(beta.folder.resolve("shared.txt")).hasContent("everyone has this");
  }

  @Test
  @Order(9)
  void wipeWithFilesOnATerminalDeletesTheFolderToo() throws Exception {
    gamma.stop();

    CliRunner.Result wipe = gtfc.runOnTerminal("yes\n", "--home", gamma.home.toString(), "wipe", "--files",
        gamma.folder.toString());

    assertThat(wipe.code()).as(wipe.out() + wipe.err()).isZero();
    assertThat(wipe.err()).contains(gamma.folder + " itself, with every file in it");
    assertThat(gamma.folder).doesNotExist();
    assertThat(FolderLayout.of(gamma.folder).gitDir()).doesNotExist();
    assertThat(gamma.home).doesNotExist();
  }

  @Test
  @Order(10)
  void wipingANodeTheClusterStillListsSaysHowToRemoveIt() throws Exception {
    ServingNode delta = new ServingNode(root, "delta");
    CliRunner.Result invite = gtfc.run("--home", alpha.home.toString(), "invite", alpha.folder.toString());
    assertThat(gtfc.run("--home", delta.home.toString(), "join", invite.outLine(), delta.folder.toString(),
        "--name", "delta", "--listen", delta.listen()).code()).isZero();

    CliRunner.Result wipe = gtfc.run("--home", delta.home.toString(), "wipe", "--yes", delta.folder.toString());

    assertThat(wipe.code()).as(wipe.out() + wipe.err()).isZero();
    assertThat(wipe.err()).contains("note: the cluster still lists this node as 'delta'")
        .contains("'gtfc remove delta'");
    assertThat(delta.folder.resolve("shared.txt")).exists();
  }

  private String nodes(ServingNode on) {
    CliRunner.Result nodes = gtfc.run("--home", on.home.toString(), "nodes", on.folder.toString());
    assertThat(nodes.code()).as(nodes.err()).isZero();
    return nodes.out();
  }

  private static Member member(ServingNode on, String name) {
    NodeComponent node = DaggerNodeComponent.factory().create(new NodeHome(on.home), Clock.systemUTC(),
        io.gtfc.ports.Progress.NONE);
    return node.nodes().nodes(on.folder).membership().member(NodeId.of(name)).orElseThrow();
  }

  private static Optional<String> head(ServingNode n) {
    try (VersionStore store = new JGitVersionStores().open(FolderLayout.of(n.folder))) {
      return store.head().map(Object::toString);
    }
  }
}
