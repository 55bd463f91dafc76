package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Revision;
import io.gtfc.ports.Refs;
import io.gtfc.ports.host.HostTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Software we did not write against the embedded server: Debian's OpenSSH client and the git
 * command line clone and push with a member's key, and ssh-audit finds no weak algorithm.
 */
class OpenSshInteropTest {
  @TempDir
  Path temp;

  private ServedCluster cluster;
  private Path ssh;
  private Path git;

  @BeforeEach
  void serveBeta() throws Exception {
    ssh = HostTools.require("ssh", "openssh-client");
    git = HostTools.require("git", "git");
    cluster = new ServedCluster(temp);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void theGitCommandLineClonesAndPushesIntoTheMembersInbox() throws Exception {
    String head = cluster.beta.commit("notes.txt", "from beta\n");
    Path clone = temp.resolve("clone");

    HostTools.Run cloned = git("clone", "--branch", "main", url(), clone.toString());

    assertThat(cloned.exit()).as(cloned.toString()).isZero();
    assertThat(Files.readString(clone.resolve("notes.txt"))).isEqualTo("from beta\n");

    Files.writeString(clone.resolve("notes.txt"), "from beta\nand alpha's git\n");
    assertThat(gitIn(clone, "-c", "user.name=alpha", "-c", "user.email=alpha@gtfc.invalid",
        "commit", "-qam", "alpha's edit").exit()).isZero();
    HostTools.Run pushed = gitIn(clone, "push", "origin", "main:" + Refs.inbox(cluster.alpha.id));

    assertThat(pushed.exit()).as(pushed.toString()).isZero();
    String pushedHead = gitIn(clone, "rev-parse", "HEAD").out().strip();
    assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).contains(pushedHead);
    assertThat(cluster.heard).containsExactly(Map.entry(cluster.alpha.id, Revision.of(pushedHead)));
    assertThat(cluster.beta.ref(Refs.MAIN)).contains(head);
  }

  @Test
  void theGitCommandLineHearsEveryRefusal() throws Exception {
    String head = cluster.beta.commit("notes.txt", "from beta\n");
    Path clone = temp.resolve("clone");
    assertThat(git("clone", "--branch", "main", url(), clone.toString()).exit()).isZero();
    Files.writeString(clone.resolve("notes.txt"), "overwritten\n");
    assertThat(gitIn(clone, "-c", "user.name=alpha", "-c", "user.email=alpha@gtfc.invalid",
        "commit", "-qam", "alpha's edit").exit()).isZero();

    HostTools.Run intoMain = gitIn(clone, "push", "origin", "main:main");
    HostTools.Run twoRefs = gitIn(clone, "push", "origin",
        "main:" + Refs.inbox(cluster.alpha.id), "main:refs/gtfc/inbox/alpha-too");
    HostTools.Run elsewhere = git("ls-remote", "ssh://gtfc@127.0.0.1:" + port() + "/etc");

    assertThat(intoMain.exit()).isNotZero();
    assertThat(intoMain.err()).contains("alpha may push only into refs/gtfc/inbox/alpha, not into refs/heads/main");
    assertThat(twoRefs.exit()).isNotZero();
    assertThat(twoRefs.err()).contains("push one ref at a time, and only into refs/gtfc/inbox/alpha");
    assertThat(elsewhere.exit()).isNotZero();
    assertThat(elsewhere.err()).contains("only the folder '/gtfc' is served here");
    assertThat(cluster.beta.ref(Refs.MAIN)).contains(head);
    assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
  }

  @Test
  void theOpenSshClientGetsNoShellAndNoOtherCommand() throws Exception {
    HostTools.Run command = ssh("gtfc@127.0.0.1", "cat /etc/passwd");
    HostTools.Run shell = ssh("-T", "gtfc@127.0.0.1");

    assertThat(command.exit()).as(command.toString()).isEqualTo(1);
    assertThat(command.out()).isEmpty();
    assertThat(command.err()).contains("this server runs only git-upload-pack '/gtfc', git-receive-pack '/gtfc',"
        + " gtfc-join and gtfc-leave: refused 'cat /etc/passwd'");
    assertThat(shell.exit()).as(shell.toString()).isEqualTo(1);
    assertThat(shell.err()).contains("this server offers no shell");
  }

  @Test
  void aKeyThatIsNoMembersIsRefusedByTheOpenSshClient() throws Exception {
    HostTools.Run mallory = run(List.of(ssh.toString(), "-F", "/dev/null", "-i",
        MinaNodeKeys.identityFile(cluster.mallory.home).toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
        "-o", "UserKnownHostsFile=" + knownHosts(), "-o", "StrictHostKeyChecking=yes", "-p", Integer.toString(port()),
        "gtfc@127.0.0.1", "git-upload-pack '/gtfc'"));

    assertThat(mallory.exit()).isEqualTo(255);
    assertThat(mallory.err()).contains("Permission denied (publickey");
  }

  @Test
  void sshAuditFindsNoWeakAlgorithm() throws Exception {
    Path audit = HostTools.require("ssh-audit", "ssh-audit");
    Endpoint at = cluster.server.address();

    HostTools.Run report = HostTools.run(List.of(audit.toString(), "-n", "-p", Integer.toString(at.port()), at.host()),
        Map.of(), temp);

    List<String> flagged = new ArrayList<>();
    boolean onlyStrictKexUnknown = false;
    for (String line : report.out().split("\n")) {
      if (line.matches("\\((kex|key|enc|mac)\\) .*") && (line.contains("[fail]") || line.contains("[warn]"))) {
        if (line.matches("\\(kex\\) " + STRICT_KEX + " +-- \\[warn\\] unknown algorithm")) {
          onlyStrictKexUnknown = true;
        } else {
          flagged.add(line);
        }
      }
    }
    assertThat(report.out()).as(report.toString()).contains("(kex) curve25519-sha256");
    assertThat(flagged).as(report.toString()).isEmpty();
    // 0: nothing to report. ssh-audit 2.5 (Debian 12) does not know the strict-kex marker yet and
    // exits non-zero for that unknown name alone; later versions list it as the Terrapin fix.
    if (report.exit() != 0) {
      assertThat(onlyStrictKexUnknown).as(report.toString()).isTrue();
      assertThat(report.out()).as(report.toString())
          .contains("unknown algorithm(s) found!: " + STRICT_KEX + ".  Please");
    }
  }

  /** The pseudo-algorithm that announces strict key exchange (the fix for the Terrapin attack). */
  private static final String STRICT_KEX = "kex-strict-s-v00@openssh.com";

  private String url() {
    return "ssh://gtfc@127.0.0.1:" + port() + "/gtfc";
  }

  private int port() {
    return cluster.server.address().port();
  }

  private Path knownHosts() throws Exception {
    Path file = temp.resolve("known_hosts");
    Files.writeString(file, "[127.0.0.1]:" + port() + " " + cluster.beta.identity.hostKey().openSsh() + "\n");
    return file;
  }

  /** The OpenSSH command line a member uses: alpha's key, beta's pinned host key, nothing from ~/.ssh. */
  private String sshCommand() throws Exception {
    return ssh + " -F /dev/null -i " + MinaNodeKeys.identityFile(cluster.alpha.home) + " -o IdentitiesOnly=yes"
        + " -o BatchMode=yes -o UserKnownHostsFile=" + knownHosts() + " -o StrictHostKeyChecking=yes";
  }

  private HostTools.Run ssh(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(sshCommand().split(" ")));
    command.add("-p");
    command.add(Integer.toString(port()));
    command.addAll(List.of(args));
    return run(command);
  }

  private HostTools.Run git(String... args) throws Exception {
    return gitIn(temp, args);
  }

  private HostTools.Run gitIn(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(git.toString()));
    command.addAll(List.of(args));
    Map<String, String> env = new HashMap<>();
    env.put("GIT_SSH_COMMAND", sshCommand());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("HOME", temp.toString());
    return HostTools.run(command, env, dir);
  }

  private HostTools.Run run(List<String> command) {
    return HostTools.run(command, Map.of("HOME", temp.toString()), temp);
  }

}
