package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gtfc.ports.host.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original tool's join, without a token: OpenSSH's ssh-agent holds the admin's gtfc key (as
 * after 'ssh -A' from the admin's machine), and the new node signs in with it, after checking the
 * host key against a fingerprint the user gave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentJoinTest {
  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private Process agent;
  private Path socket;
  private Path sshAdd;
  private String alphaFingerprint;

  @BeforeAll
  void alphaServesAndItsKeyIsInAnAgent() throws Exception {
    Path sshAgent = HostTools.require("ssh-agent", "openssh-client");
    sshAdd = HostTools.require("ssh-add", "openssh-client");
    socket = root.resolve("agent.sock");
    agent = new ProcessBuilder(sshAgent.toString(), "-D", "-a", socket.toString())
        .redirectErrorStream(true).redirectOutput(root.resolve("agent.log").toFile()).start();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(socket));
    gtfc = new CliRunner(root).withEnv("SSH_AUTH_SOCK", socket.toString());
    alpha = new ServingNode(root, "alpha");
    ok(gtfc.run("--home", alpha.home.toString(), "bootstrap", alpha.folder.toString(), "--name", "alpha",
        "--listen", alpha.listen()));
    Files.writeString(alpha.folder.resolve("hello.txt"), "from alpha\n");
    ok(gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString()));
    alpha.serve();
    agentHolds(alpha.home.resolve("id_ed25519"));
    alphaFingerprint = ok(gtfc.run("--home", alpha.home.toString(), "nodes", alpha.folder.toString())).out()
        .lines().filter(l -> l.startsWith("*")).findFirst().orElseThrow().replaceAll(".* ", "");
  }

  @AfterAll
  void stop() throws Exception {
    if (alpha != null) {
      alpha.close();
    }
    if (agent != null) {
      agent.destroy();
    }
  }

  @Test
  @Order(1)
  void withoutAFingerprintTheHostKeyIsShownAndNothingIsTrusted() {
    Path folder = root.resolve("beta").resolve("share");

    CliRunner.Result r = join("beta", "127.0.0.1:" + alpha.port);

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).isEqualTo("gtfc: without a token the host key of 127.0.0.1:" + alpha.port + " cannot be"
        + " checked: it presents " + alphaFingerprint + "; if 'gtfc nodes' on that node shows the same, run again with"
        + " --host-key-fingerprint " + alphaFingerprint + "\n");
    assertThat(root.resolve("beta").resolve(".git.share")).doesNotExist();
    assertThat(folder.resolve("hello.txt")).doesNotExist();
  }

  @Test
  @Order(2)
  void anotherHostKeyIsRefused() {
    String wrong = "SHA256:" + "A".repeat(43);

    CliRunner.Result r = join("beta", "127.0.0.1:" + alpha.port, "--host-key-fingerprint", wrong);

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).contains("presented host key " + alphaFingerprint + ", not " + wrong
        + " as --host-key-fingerprint says");
    assertThat(root.resolve("beta").resolve(".git.share")).doesNotExist();
  }

  @Test
  @Order(3)
  void anAdminsKeyInTheAgentAdmitsTheNodeAsReadWrite() throws Exception {
    CliRunner.Result r = join("beta", "gtfc@127.0.0.1:" + alpha.port + "/ignored/path",
        "--host-key-fingerprint", alphaFingerprint);

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("as 'beta' (read-write) through alpha");
    assertThat(Files.readString(root.resolve("beta").resolve("share").resolve("hello.txt"))).isEqualTo("from alpha\n");
    assertThat(ok(gtfc.run("--home", alpha.home.toString(), "nodes", alpha.folder.toString())).out())
        .containsPattern("beta +127\\.0\\.0\\.1:\\d+ +read-write");
  }

  @Test
  @Order(4)
  void aKeyThatIsNoAdminsCannotVouch() throws Exception {
    agentHolds(root.resolve("beta").resolve("home").resolve("id_ed25519"));

    CliRunner.Result r = join("gamma", "127.0.0.1:" + alpha.port, "--host-key-fingerprint", alphaFingerprint);

    assertThat(r.code()).isEqualTo(5);
    assertThat(r.err()).isEqualTo("gtfc: gtfc-join needs an invitation (sign in as gtfc-join with the token's secret)"
        + " or an admin's key: beta is a read-write member\n");
    assertThat(root.resolve("gamma").resolve(".git.share")).doesNotExist();
  }

  @Test
  @Order(5)
  void withoutAnAgentThereIsNothingToSignInWith() {
    CliRunner.Result r = new CliRunner(root).run("--home", root.resolve("delta/home").toString(), "join",
        "127.0.0.1:" + alpha.port, root.resolve("delta/share").toString(), "--name", "delta");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("gtfc: '127.0.0.1:" + alpha.port + "' is no join token, and there is no ssh-agent");
  }

  private CliRunner.Result join(String name, String where, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--home", root.resolve(name).resolve("home").toString(),
        "join", where, root.resolve(name).resolve("share").toString(), "--name", name,
        "--listen", "127.0.0.1:" + ServingNode.freePort()));
    args.addAll(List.of(more));
    return gtfc.run(args.toArray(String[]::new));
  }

  private void agentHolds(Path key) {
    Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString());
    HostTools.run(List.of(sshAdd.toString(), "-D"), env, root);
    HostTools.Run added = HostTools.run(List.of(sshAdd.toString(), key.toString()), env, root);
    assertThat(added.exit()).as(added.toString()).isZero();
  }

  private static CliRunner.Result ok(CliRunner.Result result) {
    assertThat(result.code()).as(result.toString()).isZero();
    return result;
  }
}
