package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * beta's post-sync hook, a real shell script in beta's node home, after alpha's changes arrive:
 * by push while beta serves, and by 'gtfc pull'. Its limit is 2 s (post-sync-timeout in
 * beta's node.properties).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostSyncHookTest {
  private static final Duration BLINK = Duration.ofSeconds(10);

  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private ServingNode beta;
  private Path hook;
  private Path out;

  @BeforeAll
  void startCluster() throws IOException {
    gtfc = new CliRunner(root);
    alpha = new ServingNode(root, "alpha");
    beta = new ServingNode(root, "beta");
    out = Files.createDirectories(root.resolve("hook-out"));
    gtfc.bootstrap(alpha);
    alpha.serve();
    gtfc.join(beta, alpha);
    Files.writeString(beta.home.resolve("node.properties"), "post-sync-timeout=2s\n",
        java.nio.file.StandardOpenOption.APPEND);
    hook = Files.createDirectories(beta.home.resolve("hooks")).resolve("post-sync");
    beta.serve();
  }

  @AfterAll
  void stopCluster() throws InterruptedException {
    for (ServingNode n : new ServingNode[] {alpha, beta}) {
      if (n != null) {
        n.close();
      }
    }
  }

  @BeforeEach
  void noHook() throws IOException {
    Files.deleteIfExists(hook);
  }

  private void hook(String script) throws IOException {
    Files.writeString(hook, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
  }

  private CliRunner.Result alphaWritesAndPushes(String file, String content) throws IOException {
    Path target = alpha.folder.resolve(file);
    Files.createDirectories(target.getParent());
    Files.writeString(target, content);
    CliRunner.Result push = gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString());
    assertThat(push.code()).as(push.out() + push.err()).isZero();
    return push;
  }

  @Test
  @Order(1)
  void aPushThatChangesFilesRunsTheHookInTheFolderWithThePathsAndTheNode() throws IOException {
    Path report = out.resolve("report.txt");
    hook("{ echo \"node=$GTFC_NODE\"; echo \"folder=$GTFC_FOLDER\"; echo \"pwd=$(pwd -P)\"; cat; } > "
        + report + ".tmp && mv " + report + ".tmp " + report + "\n");

    alphaWritesAndPushes("docs/notes.txt", "one\n");
    Files.writeString(alpha.folder.resolve("second.txt"), "two\n");
    alphaWritesAndPushes("docs/notes.txt", "one, edited\n");

    await().atMost(BLINK).untilAsserted(() -> assertThat(report).exists());
    await().atMost(BLINK).untilAsserted(() -> assertThat(Files.readAllLines(report)).containsExactly(
        "node=beta",
        "folder=" + beta.folder,
        "pwd=" + beta.folder.toRealPath(),
        "docs/notes.txt",
        "second.txt"));
  }

  @Test
  @Order(2)
  void aFailingHookIsReportedAndChangesNothingAlreadySynced() throws IOException {
    Path ran = out.resolve("failing-ran");
    hook("touch " + ran + "\necho 'the hook broke' >&2\nexit 3\n");

    alphaWritesAndPushes("failing.txt", "synced anyway\n");

    await().atMost(BLINK).untilAsserted(() -> assertThat(ran).exists());
    assertThat(beta.folder.resolve("failing.txt")).hasContent("synced anyway");
    alphaWritesAndPushes("after-failure.txt", "still syncing\n");
    assertThat(beta.folder.resolve("after-failure.txt")).hasContent("still syncing");
  }

  @Test
  @Order(3)
  void aHookPastItsTimeLimitIsKilledWithWhatItStarted() throws IOException {
    Path pids = out.resolve("pids");
    Path late = out.resolve("late");
    hook("sleep 30 &\necho \"$$ $!\" > " + pids + ".tmp && mv " + pids + ".tmp " + pids + "\nwait\ntouch " + late + "\n");

    alphaWritesAndPushes("slow.txt", "x\n");

    await().atMost(BLINK).untilAsserted(() -> assertThat(pids).exists());
    List<Long> started = List.of(Files.readString(pids).trim().split(" ")).stream().map(Long::parseLong).toList();
    await().atMost(BLINK).untilAsserted(() -> assertThat(started)
        .allMatch(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)));
    assertThat(late).doesNotExist();
    assertThat(beta.folder.resolve("slow.txt")).hasContent("x");
  }

  @Test
  @Order(4)
  void pullRunsTheHookBeforeItReturns() throws Exception {
    Path pulled = out.resolve("pulled.txt");
    hook("cat > " + pulled + "\n");
    beta.stop();
    Files.writeString(alpha.folder.resolve("while-beta-was-down.txt"), "catch up\n");
    gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString());

    CliRunner.Result pull = gtfc.run("--home", beta.home.toString(), "pull", beta.folder.toString());

    assertThat(pull.code()).as(pull.out() + pull.err()).isZero();
    assertThat(pulled).hasContent("while-beta-was-down.txt");
    beta.serve();
  }

  @Test
  @Order(5)
  void aHookThatArrivesInTheSyncedFolderNeverRuns() throws IOException {
    Path marker = out.resolve("synced-hook-ran");
    Path synced = alpha.folder.resolve("hooks/post-sync");
    Files.createDirectories(synced.getParent());
    Files.writeString(synced, "#!/bin/sh\ntouch " + marker + "\n");
    Files.setPosixFilePermissions(synced, PosixFilePermissions.fromString("rwxr-xr-x"));

    alphaWritesAndPushes("another.txt", "y\n");

    assertThat(beta.folder.resolve("hooks/post-sync")).exists();
    assertThat(beta.folder.resolve("another.txt")).exists();
    assertThat(marker).doesNotExist();
  }
}
