package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.ports.host.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
 * A mixed cluster: alpha answers with gtfc's embedded server, omega keeps the host's own OpenSSH
 * sshd (a real one, on a loopback port) with 'gtfc shell' as the forced command of alpha's key.
 * Changes cross both ways, and sshd hands gtfc shell nothing but the two git commands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenSshModeTest {
  @TempDir
  static Path root;

  private CliRunner gtfc;
  private LoopbackSshd sshd;
  private ServingNode alpha;
  private Path omegaHome;
  private Path omegaFolder;
  private Path ssh;

  @BeforeAll
  void startMixedCluster() throws Exception {
    ssh = HostTools.require("ssh", "openssh-client");
    sshd = new LoopbackSshd(root.resolve("sshd"));
    gtfc = new CliRunner(root);
    alpha = new ServingNode(root, "alpha");
    omegaHome = root.resolve("omega").resolve("home");
    omegaFolder = root.resolve("omega").resolve("share");

    ok(gtfc.run("--home", alpha.home.toString(), "bootstrap", alpha.folder.toString(), "--name", "alpha",
        "--listen", alpha.listen()));
    alpha.serve();
    String token = ok(gtfc.run("--home", alpha.home.toString(), "invite", alpha.folder.toString())).outLine();
    ok(gtfc.run("--home", omegaHome.toString(), "join", token, omegaFolder.toString(), "--name", "omega",
        "--listen", "127.0.0.1:" + ServingNode.freePort(),
        "--advertise", sshd.account + "@127.0.0.1:" + sshd.port, "--host-key", sshd.publicHostKey().toString()));
  }

  @AfterAll
  void stop() throws Exception {
    if (alpha != null) {
      alpha.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  @Order(1)
  void theMemberListPinsTheSshdsHostKeyAndAccount() throws Exception {
    CliRunner.Result nodes = ok(gtfc.run("--home", alpha.home.toString(), "nodes", alpha.folder.toString()));

    String sshdKey = Files.readString(sshd.publicHostKey()).split(" ")[1];
    assertThat(nodes.out()).contains("omega").contains(sshd.account + "@127.0.0.1:" + sshd.port);
    assertThat(Files.readString(alpha.folder.resolve(".gtfc/known_hosts")))
        .contains("[127.0.0.1]:" + sshd.port + " ssh-ed25519 " + sshdKey + " node=omega user=" + sshd.account);
  }

  @Test
  @Order(2)
  void authorizeWritesOneRestrictedLinePerKey() throws Exception {
    CliRunner.Result first = ok(authorizeAlpha());
    CliRunner.Result again = ok(authorizeAlpha());

    List<String> lines = Files.readAllLines(sshd.authorizedKeys).stream().filter(l -> !l.isBlank()).toList();
    String alphaKey = Files.readString(alpha.home.resolve("id_ed25519.pub")).split(" ")[1];
    assertThat(first.out()).startsWith("authorized alpha (may push");
    assertThat(again.out()).startsWith("already authorized: alpha");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .startsWith("command=\"")
        .contains(" --home " + omegaHome + " shell --node alpha " + omegaFolder + "\",restrict ssh-ed25519 " + alphaKey);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sshd.authorizedKeys))).isEqualTo("rw-------");
  }

  @Test
  @Order(3)
  void aChangeOnTheEmbeddedNodeArrivesThroughSshd() throws Exception {
    Files.writeString(alpha.folder.resolve("hello.txt"), "from alpha\n");

    CliRunner.Result pushed = gtfc.run("--home", alpha.home.toString(), "push", alpha.folder.toString());

    assertThat(pushed.code()).as(pushed + "\n" + sshd.logText()).isZero();
    assertThat(pushed.out()).contains("omega").contains("pushed");
    assertThat(Files.readString(omegaFolder.resolve("hello.txt"))).isEqualTo("from alpha\n");
  }

  @Test
  @Order(4)
  void aChangeOnTheOpenSshNodeArrivesAtTheEmbeddedOne() throws Exception {
    Files.writeString(omegaFolder.resolve("hello.txt"), "from alpha\nand omega\n");
    Files.writeString(omegaFolder.resolve("omega.txt"), "omega's own\n");

    CliRunner.Result pushed = gtfc.run("--home", omegaHome.toString(), "push", omegaFolder.toString());
    CliRunner.Result pulled = gtfc.run("--home", alpha.home.toString(), "pull", alpha.folder.toString());

    assertThat(pushed.code()).as(pushed.toString()).isZero();
    assertThat(pulled.code()).as(pulled + "\n" + sshd.logText()).isZero();
    assertThat(Files.readString(alpha.folder.resolve("hello.txt"))).isEqualTo("from alpha\nand omega\n");
    assertThat(Files.readString(alpha.folder.resolve("omega.txt"))).isEqualTo("omega's own\n");
    assertThat(Files.readString(omegaFolder.resolve("hello.txt"))).isEqualTo("from alpha\nand omega\n");
  }

  @Test
  @Order(5)
  void sshdHandsGtfcShellNothingButTheTwoGitCommands() throws Exception {
    String before = Files.readString(omegaFolder.resolve("hello.txt"));

    HostTools.Run command = sshAsAlpha("cat /etc/passwd");
    HostTools.Run shell = sshAsAlpha();
    HostTools.Run otherPath = sshAsAlpha("git-upload-pack '/etc'");

    assertThat(command.exit()).as(command.toString()).isEqualTo(1);
    assertThat(command.out()).isEmpty();
    assertThat(command.err()).contains("this key may only run git-upload-pack or git-receive-pack for " + omegaFolder
        + " (gtfc shell): refused 'cat /etc/passwd'");
    assertThat(shell.exit()).as(shell.toString()).isEqualTo(1);
    assertThat(shell.err()).contains(": no shell");
    assertThat(otherPath.exit()).isEqualTo(1);
    assertThat(otherPath.err()).contains("only the folder " + omegaFolder + " (or 'gtfc') is served here: refused");
    assertThat(Files.readString(omegaFolder.resolve("hello.txt"))).isEqualTo(before);
  }

  private CliRunner.Result authorizeAlpha() {
    return gtfc.run("--home", omegaHome.toString(), "authorize", omegaFolder.toString(), "--node", "alpha",
        "--authorized-keys", sshd.authorizedKeys.toString());
  }

  private HostTools.Run sshAsAlpha(String... command) throws Exception {
    Path knownHosts = root.resolve("known_hosts");
    Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port + " " + Files.readString(sshd.publicHostKey()));
    List<String> line = new ArrayList<>(List.of(ssh.toString(), "-F", "/dev/null", "-T",
        "-i", alpha.home.resolve("id_ed25519").toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
        "-o", "UserKnownHostsFile=" + knownHosts, "-o", "StrictHostKeyChecking=yes",
        "-p", Integer.toString(sshd.port), sshd.account + "@127.0.0.1"));
    line.addAll(List.of(command));
    return HostTools.run(line, Map.of("HOME", root.toString()), root);
  }

  private static CliRunner.Result ok(CliRunner.Result result) {
    assertThat(result.code()).as(result.toString()).isZero();
    return result;
  }
}
