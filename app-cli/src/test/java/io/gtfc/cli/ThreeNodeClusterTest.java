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
import io.gtfc.usecases.ListNodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Three nodes (and a read-only fourth) in one JVM on loopback, each with its own home, folder and
 * port, driven through the command line exactly as a user would: real SSH servers, real JGit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterTest {
  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private ServingNode beta;
  private ServingNode gamma;
  private ServingNode delta;

  @BeforeAll
  void startCluster() {
    gtfc = new CliRunner(root);
    alpha = new ServingNode(root, "alpha");
    beta = new ServingNode(root, "beta");
    gamma = new ServingNode(root, "gamma");
    delta = new ServingNode(root, "delta");

    gtfc.bootstrap(alpha);
    alpha.serve();
    join(beta, false);
    join(gamma, false);
    join(delta, true);
  }

  private void join(ServingNode node, boolean readOnly) {
    CliRunner.Result invite = readOnly
        ? gtfc.run("--home", alpha.home.toString(), "invite", alpha.folder.toString(), "--read-only")
        : gtfc.run("--home", alpha.home.toString(), "invite", alpha.folder.toString());
    assertThat(invite.code()).as(invite.err()).isZero();
    assertThat(invite.outLine()).startsWith("gtfc1.").doesNotContain("\n");
    CliRunner.Result joined = gtfc.run("--home", node.home.toString(), "join", invite.outLine(),
        node.folder.toString(), "--name", node.name, "--listen", node.listen());
    assertThat(joined.code()).as(joined.err()).isZero();
    node.serve();
  }

  @AfterAll
  void stopCluster() throws InterruptedException {
    for (ServingNode n : new ServingNode[] {alpha, beta, gamma, delta}) {
      if (n != null) {
        n.close();
      }
    }
  }

  @Test
  @Order(1)
  void aFileWrittenOnAlphaAndPushedIsByteIdenticalOnBetaAndGamma() throws IOException {
    byte[] content = "notes from alpha\n\u00e9t\u00e9 \u2603\n".getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(alpha.folder.resolve("docs"));
    Files.write(alpha.folder.resolve("docs/notes.txt"), content);

    CliRunner.Result push = gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString());

    assertThat(push.code()).as(push.out() + push.err()).isZero();
    assertThat(push.out()).contains("committed").contains("beta").contains("gamma");
    assertThat(beta.folder.resolve("docs/notes.txt")).hasBinaryContent(content);
    assertThat(gamma.folder.resolve("docs/notes.txt")).hasBinaryContent(content);
  }

  @Test
  @Order(2)
  void aFileWrittenOnGammaAndPushedReachesAlphaAndBeta() throws IOException {
    byte[] content = "from gamma\n".getBytes(StandardCharsets.UTF_8);
    Files.write(gamma.folder.resolve("gamma.txt"), content);

    CliRunner.Result push = gtfc.run("--home", gamma.home.toString(), "push", gamma.folder.toString());

    assertThat(push.code()).as(push.out() + push.err()).isZero();
    assertThat(alpha.folder.resolve("gamma.txt")).hasBinaryContent(content);
    assertThat(beta.folder.resolve("gamma.txt")).hasBinaryContent(content);
  }

  @Test
  @Order(3)
  void nodesOnEveryNodeListsAllMembers() {
    for (ServingNode n : List.of(alpha, beta, gamma, delta)) {
      CliRunner.Result nodes = gtfc.run("--home", n.home.toString(), "nodes", n.folder.toString());
      assertThat(nodes.code()).as(nodes.err()).isZero();
      assertThat(nodes.out())
          .contains("alpha", "beta", "gamma", "delta", "127.0.0.1:" + alpha.port, "SHA256:")
          .containsPattern("\\* " + n.name + "\\s");
      assertThat(nodes.out()).containsPattern("delta\\s+127\\.0\\.0\\.1:\\d+\\s+read-only");
    }
  }

  @Test
  @Order(4)
  void aReadOnlyMembersPushIsRefusedWithTheReasonAndChangesNothingAnywhere() throws IOException {
    List<Optional<String>> headsBefore = heads(alpha, beta, gamma);
    Files.writeString(delta.folder.resolve("from-delta.txt"), "should stay on delta\n");

    CliRunner.Result push = gtfc.run("--home", delta.home.toString(), "push", delta.folder.toString());

    assertThat(push.code()).isEqualTo(ExitCode.PARTIAL.code);
    assertThat(push.out()).contains("refused").contains("delta is a read-only member");
    for (ServingNode n : List.of(alpha, beta, gamma)) {
      assertThat(n.folder.resolve("from-delta.txt")).doesNotExist();
    }
    assertThat(heads(alpha, beta, gamma)).isEqualTo(headsBefore);
  }

  @Test
  @Order(5)
  void aKeyThatIsNotAMemberIsRefusedAtAuthentication() {
    ServingNode stranger = new ServingNode(root, "stranger");
    CliRunner.Result boot = gtfc.run("--home", stranger.home.toString(), "bootstrap", stranger.folder.toString(),
        "--name", "stranger", "--listen", stranger.listen());
    assertThat(boot.code()).as(boot.err()).isZero();
    Member alphaMember = alphaAsMember();
    Optional<String> alphaHead = heads(alpha).get(0);

    SshPeerTransport strangersTransport = new SshPeerTransport(stranger.home);
    PeerResult fetch = strangersTransport.fetch(FolderLayout.of(stranger.folder), alphaMember);
    PeerResult push = strangersTransport.push(FolderLayout.of(stranger.folder), NodeId.of("stranger"), alphaMember);

    assertThat(fetch.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(push.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(heads(alpha).get(0)).isEqualTo(alphaHead);
  }

  @Test
  @Order(6)
  void statusAfterAPushShowsEveryPeerAtTheSameHead() {
    CliRunner.Result pull = gtfc.run("--home", beta.home.toString(), "pull", beta.folder.toString());
    assertThat(pull.code()).as(pull.out() + pull.err()).isZero();
    CliRunner.Result status = gtfc.run("--home", beta.home.toString(), "status", beta.folder.toString(), "--json");
    assertThat(status.out()).contains("\"node\":\"beta\"").contains("\"pending\":[]");
  }

  @Test
  @Order(10)
  void aPeerThatIsDownIsReportedAndCatchesUpWithPull() throws Exception {
    gamma.stop();
    Files.writeString(alpha.folder.resolve("while-gamma-was-down.txt"), "catch me up\n");

    CliRunner.Result push = gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString());

    assertThat(push.code()).isEqualTo(ExitCode.PARTIAL.code);
    assertThat(push.out()).containsPattern("gamma\\s+unreachable");
    assertThat(push.err()).doesNotContain("Exception");
    assertThat(beta.folder.resolve("while-gamma-was-down.txt")).exists();

    CliRunner.Result pull = gtfc.run("--home", gamma.home.toString(), "pull", gamma.folder.toString());
    assertThat(gamma.folder.resolve("while-gamma-was-down.txt")).hasContent("catch me up");
    assertThat(pull.out()).contains("alpha");
    gamma.serve();
  }

  private Member alphaAsMember() {
    NodeComponent node = DaggerNodeComponent.factory().create(new NodeHome(alpha.home), java.time.Clock.systemUTC(), io.gtfc.ports.Progress.NONE);
    ListNodes nodes = node.nodes();
    return nodes.nodes(alpha.folder).membership().member(NodeId.of("alpha")).orElseThrow();
  }

  private List<Optional<String>> heads(ServingNode... nodes) {
    JGitVersionStores stores = new JGitVersionStores();
    return java.util.Arrays.stream(nodes).map(n -> {
      try (VersionStore store = stores.open(FolderLayout.of(n.folder))) {
        return store.head().map(Object::toString);
      }
    }).toList();
  }
}
