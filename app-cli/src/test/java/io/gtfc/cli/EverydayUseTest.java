package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.git.JGitVersionStores;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.Progress;
import io.gtfc.ports.VersionStore;
import io.gtfc.usecases.DiagnoseNode;
import io.gtfc.usecases.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an administrator does every day, through the command line against three serving nodes on
 * loopback: ask whether the cluster is in sync and why not, look at history, get files back, undo
 * a change everywhere, and have a node checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EverydayUseTest {
  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private ServingNode beta;
  private ServingNode gamma;

  @BeforeAll
  void startCluster() throws IOException {
    gtfc = new CliRunner(root);
    alpha = new ServingNode(root, "alpha");
    beta = new ServingNode(root, "beta");
    gamma = new ServingNode(root, "gamma");
    assertThat(run(alpha, "bootstrap", alpha.folder.toString(), "--name", "alpha", "--listen", alpha.listen()).code())
        .isZero();
    alpha.serve();
    for (ServingNode n : List.of(beta, gamma)) {
      CliRunner.Result invite = run(alpha, "invite", alpha.folder.toString());
      CliRunner.Result joined = run(n, "join", invite.outLine(), n.folder.toString(), "--name", n.name,
          "--listen", n.listen());
      assertThat(joined.code()).as(joined.err()).isZero();
      n.serve();
    }
    Files.writeString(alpha.folder.resolve("notes.txt"), "one\ntwo\n");
    CliRunner.Result push = run(alpha, "push", alpha.folder.toString());
    assertThat(push.code()).as(push.out() + push.err()).isZero();
  }

  @AfterAll
  void stopCluster() throws InterruptedException {
    for (ServingNode n : new ServingNode[] {alpha, beta, gamma}) {
      if (n != null) {
        n.close();
      }
    }
  }

  private CliRunner.Result run(ServingNode node, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--home";
    all[1] = node.home.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return gtfc.run(all);
  }

  @Test
  @Order(1)
  void statusSaysInSyncWhenEveryPeerAnswersAtThisHead() {
    CliRunner.Result status = run(alpha, "status", alpha.folder.toString());

    assertThat(status.code()).as(status.out() + status.err()).isZero();
    assertThat(status.out())
        .containsPattern("beta\\s+127\\.0\\.0\\.1:\\d+\\s+answers\\s+\\w{10}\\s+in sync")
        .containsPattern("gamma\\s+127\\.0\\.0\\.1:\\d+\\s+answers")
        .contains("daemon   running ('gtfc serve'")
        .endsWith("in sync\n");
  }

  @Test
  @Order(2)
  void statusShowsAStoppedPeerAsUnreachableWithTheReasonThenInSyncOnceItIsBack() throws Exception {
    gamma.stop();

    CliRunner.Result down = run(alpha, "status", alpha.folder.toString());

    assertThat(down.code()).isEqualTo(ExitCode.PARTIAL.code);
    assertThat(down.out())
        .containsPattern("gamma\\s+127\\.0\\.0\\.1:\\d+\\s+unreachable")
        .contains("cannot reach gamma at 127.0.0.1:" + gamma.port)
        .contains("not in sync: gamma unreachable");
    assertThat(down.err()).doesNotContain("Exception");

    gamma.serve();
    CliRunner.Result back = run(alpha, "status", alpha.folder.toString());
    assertThat(back.code()).as(back.out()).isZero();
    assertThat(back.out()).endsWith("in sync\n");
  }

  @Test
  @Order(3)
  void statusAsJsonNamesTheLastSyncAndAPeerBehind() throws Exception {
    gamma.stop();
    Files.writeString(alpha.folder.resolve("while-gamma-is-down.txt"), "x\n");
    run(alpha, "push", alpha.folder.toString());
    gamma.serve();

    CliRunner.Result status = run(alpha, "status", alpha.folder.toString(), "--json");

    assertThat(status.code()).isEqualTo(ExitCode.PARTIAL.code);
    assertThat(status.out())
        .contains("\"inSync\":false")
        .contains("\"verdict\":\"not in sync: gamma is 1 commit behind\"")
        .containsPattern("\"name\":\"beta\",[^}]*\"reachable\":true,[^}]*\"lastSync\":\"20")
        .containsPattern("\"name\":\"gamma\",[^}]*\"ahead\":1,\"behind\":0");

    CliRunner.Result pull = run(gamma, "pull", gamma.folder.toString());
    assertThat(pull.code()).as(pull.out() + pull.err()).isZero();
    assertThat(run(alpha, "status", alpha.folder.toString()).code()).isZero();
  }

  @Test
  @Order(4)
  void statusNamesPendingChangesHere() throws IOException {
    Files.writeString(beta.folder.resolve("draft.txt"), "not pushed yet\n");

    CliRunner.Result status = run(beta, "status", beta.folder.toString(), "--offline");

    assertThat(status.code()).isEqualTo(ExitCode.PARTIAL.code);
    assertThat(status.out()).contains("pending  1 change(s): draft.txt")
        .contains("not in sync: 1 change(s) here not committed yet");
    assertThat(run(beta, "push", beta.folder.toString()).code()).isZero();
  }

  @Test
  @Order(5)
  void remoteStatusPrintsEveryMembersLastCommit() {
    CliRunner.Result remote = run(gamma, "remote-status", gamma.folder.toString());

    assertThat(remote.code()).as(remote.out() + remote.err()).isZero();
    String head = head(gamma);
    assertThat(remote.out())
        .contains("gamma (this node) at 127.0.0.1:" + gamma.port)
        .contains("alpha at 127.0.0.1:" + alpha.port)
        .contains("beta at 127.0.0.1:" + beta.port)
        .contains("commit " + head)
        .contains("Author: beta");
  }

  @Test
  @Order(6)
  void diffShowsAnEditBeforeAndAfterItIsCommitted() throws IOException {
    Files.writeString(alpha.folder.resolve("notes.txt"), "one\nTWO\n");

    CliRunner.Result pending = run(alpha, "diff", alpha.folder.toString());
    assertThat(pending.code()).isZero();
    assertThat(pending.out()).contains("--- a/notes.txt", "+++ b/notes.txt", "-two", "+TWO");

    run(alpha, "push", alpha.folder.toString());
    String commit = head(alpha).substring(0, 8);
    CliRunner.Result committed = run(beta, "diff", beta.folder.toString(), "notes.txt", "--to", commit);
    assertThat(committed.out()).contains("-two", "+TWO");
    assertThat(run(beta, "diff", beta.folder.toString()).err()).contains("no differences");
  }

  @Test
  @Order(7)
  void undoRevertsTheLastBatchOnEveryNode() throws IOException {
    Files.writeString(alpha.folder.resolve("notes.txt"), "one\nTWO\nthree\n");
    Files.writeString(alpha.folder.resolve("mistake.txt"), "oops\n");
    run(alpha, "push", alpha.folder.toString());
    assertThat(gamma.folder.resolve("mistake.txt")).exists();

    CliRunner.Result undo = run(alpha, "undo", alpha.folder.toString());

    assertThat(undo.code()).as(undo.out() + undo.err()).isZero();
    assertThat(undo.out()).contains("undid").contains("2 file(s) put back");
    for (ServingNode n : List.of(alpha, beta, gamma)) {
      assertThat(n.folder.resolve("mistake.txt")).as(n.name).doesNotExist();
      assertThat(n.folder.resolve("notes.txt")).as(n.name).hasContent("one\nTWO");
    }
  }

  @Test
  @Order(8)
  void undoRefusesWhenALaterChangeTouchedTheSameFileUnlessForced() throws IOException {
    Files.writeString(alpha.folder.resolve("shared.txt"), "alpha's\n");
    run(alpha, "push", alpha.folder.toString());
    Files.writeString(beta.folder.resolve("shared.txt"), "beta's, later\n");
    run(beta, "push", beta.folder.toString());

    CliRunner.Result refused = run(alpha, "undo", alpha.folder.toString());

    assertThat(refused.code()).isEqualTo(ExitCode.REFUSED.code);
    assertThat(refused.err()).contains("later changes touched shared.txt").contains("--force");
    assertThat(alpha.folder.resolve("shared.txt")).hasContent("beta's, later");

    CliRunner.Result forced = run(alpha, "undo", alpha.folder.toString(), "--force");
    assertThat(forced.code()).as(forced.out() + forced.err()).isZero();
    for (ServingNode n : List.of(alpha, beta, gamma)) {
      assertThat(n.folder.resolve("shared.txt")).as(n.name).doesNotExist();
    }
  }

  @Test
  @Order(9)
  void restoreBringsTheWholeFolderBackToARevisionOnEveryNode() throws IOException {
    String before = head(alpha).substring(0, 10);
    Files.delete(alpha.folder.resolve("notes.txt"));
    Files.writeString(alpha.folder.resolve("later.txt"), "added after\n");
    run(alpha, "push", alpha.folder.toString());
    assertThat(beta.folder.resolve("notes.txt")).doesNotExist();

    CliRunner.Result needsAt = run(beta, "restore", beta.folder.toString());
    assertThat(needsAt.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertThat(needsAt.err()).contains("--at");

    CliRunner.Result restored = run(beta, "restore", beta.folder.toString(), "--at", before);

    assertThat(restored.code()).as(restored.out() + restored.err()).isZero();
    assertThat(restored.out()).contains("restored the folder as of " + before).contains("2 file(s) changed");
    for (ServingNode n : List.of(alpha, beta, gamma)) {
      assertThat(n.folder.resolve("notes.txt")).as(n.name).hasContent("one\nTWO");
      assertThat(n.folder.resolve("later.txt")).as(n.name).doesNotExist();
      assertThat(n.folder.resolve(".gtfc/authorized_keys")).as(n.name).exists();
    }
  }

  @Test
  @Order(10)
  void doctorPassesAHealthyNode() {
    CliRunner.Result doctor = run(alpha, "doctor", alpha.folder.toString());

    assertThat(doctor.code()).as(doctor.out()).isZero();
    assertThat(doctor.out())
        .contains("OK    keys")
        .contains("OK    history")
        .contains("OK    daemon   'gtfc serve' runs")
        .contains("OK    port     127.0.0.1:" + alpha.port + " is held by this folder's 'gtfc serve'")
        .containsPattern("OK    peers    peer beta at 127\\.0\\.0\\.1:\\d+ answers and accepts this node")
        .contains("OK    clock");
  }

  @Test
  @Order(11)
  void doctorFailsAPeerThatIsDownAndAWatchLimitTooLow() throws Exception {
    gamma.stop();
    try {
      CliRunner.Result doctor = run(alpha, "doctor", alpha.folder.toString());
      assertThat(doctor.code()).isEqualTo(ExitCode.PARTIAL.code);
      assertThat(doctor.out()).containsPattern("FAIL  peers    peer gamma at 127\\.0\\.0\\.1:\\d+ does not answer")
          .contains("is gtfc running there");
    } finally {
      gamma.serve();
    }

    NodeComponent node = DaggerNodeComponent.factory().create(new NodeHome(alpha.home), Clock.systemUTC(), Progress.NONE);
    FolderWatcher tight = new FolderWatcher() {
      @Override
      public Watch watch(Path folder, Predicate<io.gtfc.domain.RelativePath> ignored, Listener listener) {
        throw new UnsupportedOperationException("only the capacity is asked");
      }

      @Override
      public Optional<Capacity> capacity(Path folder) {
        return Optional.of(new Capacity("fs.inotify.max_user_watches", 3, 5, "sudo sysctl fs.inotify.max_user_watches=524288"));
      }
    };
    DiagnoseNode.Diagnosis diagnosis = node.doctor().diagnose(alpha.folder, tight);
    assertThat(diagnosis.failed()).isTrue();
    assertThat(diagnosis.findings()).contains(Finding.fail("watcher", "the folder needs 5 of"
        + " fs.inotify.max_user_watches=3: the daemon cannot watch it; raise it: sudo sysctl fs.inotify.max_user_watches=524288"));
  }

  @Test
  @Order(12)
  void doctorFlagsAPrivateKeyOthersCanReadWithTheChmodToRun() throws IOException {
    Path key = alpha.home.resolve("id_ed25519");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    try {
      CliRunner.Result doctor = run(alpha, "doctor", alpha.folder.toString());

      assertThat(doctor.code()).isEqualTo(ExitCode.PARTIAL.code);
      assertThat(doctor.out()).contains("FAIL  keys     the private key " + key + " may be read by other users"
          + " (mode rw-r--r--): run: chmod 600 " + key);
      assertThat(doctor.out()).contains("OK    history");
    } finally {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static String head(ServingNode node) {
    try (VersionStore store = new JGitVersionStores().open(FolderLayout.of(node.folder))) {
      return store.head().orElseThrow().id();
    }
  }
}
