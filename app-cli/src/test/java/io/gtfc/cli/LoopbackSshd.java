package io.gtfc.cli;

import static org.awaitility.Awaitility.await;

import io.gtfc.ports.host.HostTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real OpenSSH sshd on a loopback port, started for a test with its own configuration, its own
 * ed25519 host key and its own authorized_keys file, in the foreground (-D -e), stopped on close.
 */
final class LoopbackSshd implements AutoCloseable {
  final int port;
  final Path hostKey;
  final Path authorizedKeys;
  final Path log;
  final String account = System.getProperty("user.name");
  private final Process process;

  LoopbackSshd(Path dir) throws Exception {
    Path sshd = HostTools.require("sshd", "openssh-server");
    Path keygen = HostTools.require("ssh-keygen", "openssh-client");
    Files.createDirectories(dir);
    port = ServingNode.freePort();
    hostKey = dir.resolve("ssh_host_ed25519_key");
    authorizedKeys = dir.resolve("authorized_keys");
    log = dir.resolve("sshd.log");
    Files.writeString(authorizedKeys, "");
    HostTools.Run made = HostTools.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "test sshd",
        "-f", hostKey.toString()), Map.of(), dir);
    if (made.exit() != 0) {
      throw new IllegalStateException("ssh-keygen failed: " + made);
    }
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + hostKey,
        "AuthorizedKeysFile " + authorizedKeys,
        "AuthenticationMethods publickey",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "PermitRootLogin forced-commands-only",
        "AllowUsers " + account,
        "PidFile " + dir.resolve("sshd.pid"),
        "LogLevel VERBOSE",
        "") + "\n");
    Path privsep = Path.of("/run/sshd");
    if (!Files.isDirectory(privsep) && "root".equals(account)) {
      Files.createDirectories(privsep);
    }
    HostTools.Run check = HostTools.run(List.of(sshd.toString(), "-t", "-f", config.toString()), Map.of(), dir);
    if (check.exit() != 0) {
      throw new IllegalStateException("sshd refuses its test configuration: " + check);
    }
    process = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> !process.isAlive() || accepts());
    if (!process.isAlive()) {
      throw new IllegalStateException("sshd exited with " + process.exitValue() + ": " + Files.readString(log));
    }
  }

  /** The sshd's host key, as a .pub file holds it. */
  Path publicHostKey() {
    return hostKey.resolveSibling(hostKey.getFileName() + ".pub");
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
