package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same file edited on three nodes before any of them syncs, then pushed and pulled with the
 * command line: identical folders everywhere, every edit kept, and 'gtfc conflicts' lists the
 * copies. Then history and restore, as a user would use them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrentEditsTest {
  @TempDir
  static Path root;

  private CliRunner gtfc;
  private List<ServingNode> nodes;

  @BeforeAll
  void startCluster() {
    gtfc = new CliRunner(root);
    nodes = List.of(new ServingNode(root, "alpha"), new ServingNode(root, "beta"), new ServingNode(root, "gamma"));
    ServingNode alpha = nodes.get(0);
    gtfc.bootstrap(alpha);
    alpha.serve();
    for (ServingNode n : nodes.subList(1, 3)) {
      gtfc.join(n, alpha);
      n.serve();
    }
  }

  @AfterAll
  void stopCluster() throws InterruptedException {
    for (ServingNode n : nodes) {
      n.close();
    }
  }

  @Test
  @Order(1)
  void theSameFileEditedOnThreeNodesKeepsEveryEditAndConverges() throws IOException {
    for (ServingNode n : nodes) {
      Files.writeString(n.folder.resolve("shared.txt"), "edited on " + n.name + "\n");
    }
    for (ServingNode n : nodes) {
      gtfc.run("--home", n.home.toString(), "push", n.folder.toString());
    }
    for (int round = 0; round < 2; round++) {
      for (ServingNode n : nodes) {
        assertThat(gtfc.run("--home", n.home.toString(), "pull", n.folder.toString()).code()).isZero();
      }
    }

    Set<String> listings = new HashSet<>();
    for (ServingNode n : nodes) {
      listings.add(listing(n.folder));
    }
    assertThat(listings).as("every folder is identical").hasSize(1);
    List<String> contents = new ArrayList<>();
    try (Stream<Path> files = Files.list(nodes.get(0).folder)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("shared")).toList()) {
        contents.add(Files.readString(f));
      }
    }
    assertThat(contents).containsExactlyInAnyOrder("edited on alpha\n", "edited on beta\n", "edited on gamma\n");

    CliRunner.Result conflicts = gtfc.run("--home", nodes.get(1).home.toString(), "conflicts",
        nodes.get(1).folder.toString());
    assertThat(conflicts.out()).containsPattern("shared\\.sync-conflict-\\d{8}-\\d{6}-[a-z]+\\.txt\\s+shared\\.txt");
    assertThat(conflicts.out().lines().filter(l -> l.contains("sync-conflict"))).hasSize(2);
  }

  @Test
  @Order(2)
  void aDeletedFileComesBackWithOneCommandOnEveryNode() throws IOException {
    ServingNode alpha = nodes.get(0);
    Files.writeString(alpha.folder.resolve("precious.txt"), "keep me\n");
    assertThat(gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString()).code()).isZero();
    Files.delete(nodes.get(2).folder.resolve("precious.txt"));
    assertThat(gtfc.run("--home", nodes.get(2).home.toString(), "push", nodes.get(2).folder.toString()).code()).isZero();
    assertThat(alpha.folder.resolve("precious.txt")).doesNotExist();

    CliRunner.Result restore = gtfc.run("--home", alpha.home.toString(), "restore", alpha.folder.toString(),
        "precious.txt");

    assertThat(restore.code()).as(restore.out() + restore.err()).isZero();
    assertThat(restore.out()).contains("restored precious.txt");
    for (ServingNode n : nodes) {
      assertThat(n.folder.resolve("precious.txt")).hasContent("keep me");
    }
  }

  @Test
  @Order(3)
  void logShowsWhoChangedAFileAndWhen() {
    ServingNode beta = nodes.get(1);
    CliRunner.Result log = gtfc.run("--home", beta.home.toString(), "log", beta.folder.toString(), "precious.txt");
    assertThat(log.code()).isZero();
    assertThat(log.out()).contains("alpha").contains("gamma").contains("restore precious.txt")
        .containsPattern("[0-9a-f]{10}  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
  }

  private static String listing(Path folder) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".git"))
          .sorted().toList()) {
        out.append(folder.relativize(f)).append(' ').append(Files.readString(f).hashCode()).append('\n');
      }
    }
    return out.toString();
  }
}
