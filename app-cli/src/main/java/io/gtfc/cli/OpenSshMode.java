package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line's side of OpenSSH mode: the sshd host key a node's peers pin, and the command
 * an authorized_keys line runs to start gtfc.
 */
final class OpenSshMode {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private OpenSshMode() {}

  /**
   * The host key peers pin for this node: the sshd's, from {@code --host-key FILE}, or empty for
   * gtfc's own server. An account in {@code --advertise} and {@code --host-key} go together.
   */
  static Optional<SshPublicKey> servedBy(Path hostKeyFile, Endpoint advertise) {
    if (hostKeyFile == null) {
      if (advertise != null && advertise.user().isPresent()) {
        throw new GtfcException(Problem.BAD_INPUT, "--advertise " + advertise + " names an account, which is for"
            + " OpenSSH mode: give that sshd's host key too, e.g. --host-key /etc/ssh/ssh_host_ed25519_key.pub");
      }
      return Optional.empty();
    }
    if (advertise == null) {
      throw new GtfcException(Problem.BAD_INPUT, "--host-key is for OpenSSH mode: say where peers reach that sshd"
          + " with --advertise USER@HOST:PORT, e.g. --advertise alice@omega.example:22");
    }
    SshPublicKey key = publicKey(hostKeyFile);
    if (!key.algorithm().equals("ssh-ed25519")) {
      throw new GtfcException(Problem.BAD_INPUT, hostKeyFile + " is a " + key.algorithm() + " key: gtfc pins only"
          + " ed25519 host keys; give the sshd's ssh_host_ed25519_key.pub");
    }
    return Optional.of(key);
  }

  /** The first key of an OpenSSH public key file. */
  static SshPublicKey publicKey(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new GtfcException(Problem.BAD_INPUT, "cannot read the public key " + file + ": " + e.getMessage(), e);
    }
    for (String line : lines) {
      if (!line.isBlank() && !line.startsWith("#")) {
        try {
          return SshPublicKey.parse(line);
        } catch (IllegalArgumentException e) {
          throw new GtfcException(Problem.BAD_INPUT, file + ": " + e.getMessage(), e);
        }
      }
    }
    throw new GtfcException(Problem.BAD_INPUT, file + " holds no public key: give a .pub file");
  }

  /**
   * How sshd starts gtfc: {@code $GTFC_LAUNCHER} (the launcher script sets it), else this Java
   * running this jar (or these classes), with JGit kept away from the system git config.
   */
  static String launcher(Map<String, String> env) {
    String launcher = env.get("GTFC_LAUNCHER");
    if (launcher != null && !launcher.isBlank()) {
      return quote(launcher);
    }
    List<String> words = new ArrayList<>(List.of("/usr/bin/env", "GIT_CONFIG_NOSYSTEM=1",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    Path code;
    try {
      code = Path.of(Gtfc.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot tell where gtfc is installed (" + e.getMessage()
          + "): say how sshd starts it with --command");
    }
    if (Files.isRegularFile(code)) {
      words.add("-jar");
      words.add(code.toString());
    } else {
      words.add("-cp");
      words.add(System.getProperty("java.class.path"));
      words.add(Gtfc.class.getName());
    }
    return String.join(" ", words.stream().map(OpenSshMode::quote).toList());
  }

  /** The authorized_keys line that lets {@code key} run only 'gtfc shell' for {@code folder}. */
  static String authorizedKeysLine(String launcher, Path home, Path folder, String node, boolean readOnly,
      SshPublicKey key) {
    String command = launcher + " --home " + quote(home.toString()) + " shell" + (readOnly ? " --read-only" : "")
        + " --node " + node + " " + quote(folder.toString());
    if (command.contains("\"") || command.contains("\\") || command.contains("\n")) {
      throw new GtfcException(Problem.BAD_INPUT, "the command '" + command + "' holds a quote, backslash or line"
          + " break, which an authorized_keys line cannot carry: use paths without them");
    }
    return "command=\"" + command + "\",restrict " + key.openSsh() + " gtfc:" + node;
  }

  /** A word for the account's shell: as is when plain, else in single quotes. */
  static String quote(String word) {
    return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
