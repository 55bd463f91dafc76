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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only an admin changes the member list, and every node checks that for itself: alpha (the admin)
 * signs what it changes; beta and gamma (read-write) may edit files but not {@code .gtfc/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardedMembershipTest {
  private static final String NOT_SIGNED = "changes the member list but is not signed by an admin:"
      + " member changes go through 'gtfc invite' / 'gtfc remove' on an admin node";

  @TempDir
  static Path root;

  private CliRunner gtfc;
  private ServingNode alpha;
  private ServingNode beta;
  private ServingNode gamma;

  @BeforeAll
  void startCluster() {
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
  void theAdminSignsEveryMemberListItWrites() throws IOException {
    for (ServingNode n : List.of(alpha, beta, gamma)) {
      assertThat(n.folder.resolve(".gtfc/members.sig")).content().startsWith("-----BEGIN SSH SIGNATURE-----");
      assertThat(n.folder.resolve(".gtfc/cluster")).content().contains("version=3");
    }
    assertThat(Files.readString(gamma.folder.resolve(".gtfc/members.sig")))
        .isEqualTo(Files.readString(alpha.folder.resolve(".gtfc/members.sig")));
  }

  @Test
  @Order(2)
  void pushRefusesAnEditOfTheMemberListByHandAndCommitsNothing() throws IOException {
    List<Optional<String>> before = heads(alpha, beta, gamma);
    Path keys = beta.folder.resolve(".gtfc/authorized_keys");
    String original = Files.readString(keys);
    Files.writeString(keys, original + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGVfh/gGBrD24Vei2QfyPUQaH++ivKL6xkTN/uLGzc/h"
        + " node=mallory role=admin\n");
    Files.writeString(beta.folder.resolve("beta.txt"), "beta's file\n");

    CliRunner.Result push = gtfc.run("--home", beta.home.toString(), "push", beta.folder.toString());

    assertThat(push.code()).isEqualTo(ExitCode.REFUSED.code);
    assertThat(push.err().strip()).startsWith("gtfc: the edit of .gtfc/authorized_keys " + NOT_SIGNED)
        .doesNotContain("\n");
    assertThat(heads(alpha, beta, gamma)).isEqualTo(before);
    assertThat(alpha.folder.resolve("beta.txt")).doesNotExist();
    Files.writeString(keys, original);
    Files.delete(beta.folder.resolve("beta.txt"));
  }

  @Test
  @Order(3)
  void anEditOfTheMemberListCommittedByHandIsRefusedByEveryPeerAndNothingOfItApplied() throws Exception {
    List<Optional<String>> before = heads(alpha, gamma);
    String beforeOnBeta = heads(beta).get(0).orElseThrow();
    Member alphaMember = member(beta, "alpha");
    Member gammaMember = member(beta, "gamma");
    Files.writeString(beta.folder.resolve(".gtfc/known_hosts"), Files.readString(beta.folder.resolve(".gtfc/known_hosts"))
        + "[10.0.0.66]:7419 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOHvOuCgsFmSvzWZg249z1PcpMWp2a0mUZii5GrGjx29 node=mallory\n");
    commitByHand(beta, ".gtfc/authorized_keys", Files.readString(beta.folder.resolve(".gtfc/authorized_keys"))
        + "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGVfh/gGBrD24Vei2QfyPUQaH++ivKL6xkTN/uLGzc/h node=mallory role=admin\n",
        ".gtfc/known_hosts", Files.readString(beta.folder.resolve(".gtfc/known_hosts")));
    Files.writeString(beta.folder.resolve("smuggled.txt"), "riding along\n");
    commitByHand(beta, "smuggled.txt", "riding along\n", "smuggled.txt", "riding along\n");

    CliRunner.Result gtfcPush = gtfc.run("--home", beta.home.toString(), "push", beta.folder.toString());
    SshPeerTransport betas = new SshPeerTransport(beta.home);
    PeerResult toAlpha = betas.push(FolderLayout.of(beta.folder), NodeId.of("beta"), alphaMember);
    PeerResult toGamma = betas.push(FolderLayout.of(beta.folder), NodeId.of("beta"), gammaMember);

    assertThat(gtfcPush.code()).isEqualTo(ExitCode.REFUSED.code);
    assertThat(gtfcPush.err()).contains(NOT_SIGNED).contains("no peer would accept it");
    for (PeerResult r : List.of(toAlpha, toGamma)) {
      assertThat(r.outcome()).isEqualTo(PeerOutcome.REFUSED);
      assertThat(r.detail()).isEqualTo("what beta sent " + NOT_SIGNED);
    }
    assertThat(heads(alpha, gamma)).isEqualTo(before);
    assertThat(alpha.folder.resolve("smuggled.txt")).doesNotExist();
    assertThat(gamma.folder.resolve("smuggled.txt")).doesNotExist();
    assertThat(alpha.folder.resolve(".gtfc/authorized_keys")).content().doesNotContain("mallory");
    resetByHand(beta, beforeOnBeta);
  }

  @Test
  @Order(4)
  void theAdminsNodeRelayingANonAdminsMemberChangeIsRefusedByTheThirdNode() throws Exception {
    List<Optional<String>> before = heads(alpha, gamma);
    String beforeOnBeta = heads(beta).get(0).orElseThrow();
    Member gammaMember = member(alpha, "gamma");
    String unsigned = commitByHand(beta, ".gtfc/authorized_keys", "# everyone out but beta\n", "relayed.txt", "x\n");
    FolderLayout relay = FolderLayout.of(root.resolve("relay").resolve("share"));
    try (Git git = Git.init().setBare(true).setDirectory(relay.gitDir().toFile()).setInitialBranch("main").call()) {
      git.fetch().setRemote(FolderLayout.of(beta.folder).gitDir().toString())
          .setRefSpecs(new RefSpec("+refs/heads/main:refs/heads/main")).call();
    }

    PeerResult relayed = new SshPeerTransport(alpha.home).push(relay, NodeId.of("alpha"), gammaMember);

    assertThat(relayed.outcome()).isEqualTo(PeerOutcome.REFUSED);
    assertThat(relayed.detail()).isEqualTo("what alpha sent " + NOT_SIGNED);
    assertThat(heads(alpha, gamma)).isEqualTo(before);
    assertThat(gamma.folder.resolve("relayed.txt")).doesNotExist();
    assertThat(gamma.folder.resolve(".gtfc/authorized_keys")).content().contains("node=gamma");
    assertThat(unsigned).isNotIn(heads(alpha, gamma).stream().flatMap(Optional::stream).toList());
    resetByHand(beta, beforeOnBeta);
  }

  @Test
  @Order(5)
  void afterTheRefusalsOrdinaryEditsStillFlowEverywhere() throws IOException {
    Files.writeString(beta.folder.resolve("after.txt"), "still syncing\n");

    CliRunner.Result push = gtfc.run("--home", beta.home.toString(), "push", beta.folder.toString());

    assertThat(push.code()).as(push.out() + push.err()).isZero();
    assertThat(alpha.folder.resolve("after.txt")).hasContent("still syncing");
    assertThat(gamma.folder.resolve("after.txt")).hasContent("still syncing");
  }

  /** Commits two files with plain JGit, as 'git commit' would, bypassing gtfc's checks; returns the commit. */
  private static String commitByHand(ServingNode node, String path, String content, String other,
      String otherContent) throws Exception {
    Files.writeString(node.folder.resolve(path), content);
    Files.writeString(node.folder.resolve(other), otherContent);
    try (Repository repo = repository(node); Git git = new Git(repo)) {
      git.add().addFilepattern(path).addFilepattern(other).call();
      PersonIdent who = new PersonIdent(node.name, node.name + "@gtfc.invalid");
      return git.commit().setMessage("by hand").setAuthor(who).setCommitter(who).setSign(false).call().name();
    }
  }

  private static void resetByHand(ServingNode node, String commit) throws Exception {
    try (Repository repo = repository(node); Git git = new Git(repo)) {
      git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
    }
  }

  private static Repository repository(ServingNode node) throws IOException {
    FolderLayout layout = FolderLayout.of(node.folder);
    return new FileRepositoryBuilder().setGitDir(layout.gitDir().toFile()).setWorkTree(layout.folder().toFile())
        .setMustExist(true).build();
  }

  /** {@code name} as {@code on}'s member list has it. */
  private static Member member(ServingNode on, String name) {
    NodeComponent node = DaggerNodeComponent.factory().create(new NodeHome(on.home), Clock.systemUTC(),
        io.gtfc.ports.Progress.NONE);
    return node.nodes().nodes(on.folder).membership().member(NodeId.of(name)).orElseThrow();
  }

  private static List<Optional<String>> heads(ServingNode... nodes) {
    JGitVersionStores stores = new JGitVersionStores();
    return Arrays.stream(nodes).map(n -> {
      try (VersionStore store = stores.open(FolderLayout.of(n.folder))) {
        return store.head().map(Object::toString);
      }
    }).toList();
  }
}
