package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.JoinReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc join: become a member with a token, or with an admin's key in a forwarded ssh-agent, and copy the folder. */
@Command(name = "join", mixinStandardHelpOptions = true,
    description = {"Join a cluster with a token from 'gtfc invite', copying the folder into FOLDER (new or empty).",
        "Or, without a token, the original way: name a node (HOST[:PORT], default port 7419) and sign in there with"
            + " an admin's gtfc key held in your ssh-agent (ssh-add ~/.gtfc/id_ed25519 on the admin's machine, then"
            + " ssh -A to this one); you join as read-write. Its host key must match --host-key-fingerprint, or you"
            + " confirm it on the terminal. USER@ and /PATH are accepted and ignored."},
    footer = {"%nExamples:",
        "  gtfc --home ~/.gtfc join gtfc1.eyJ... ~/share --name beta --listen 0.0.0.0:7419",
        "  gtfc join alpha.example ~/share --host-key-fingerprint SHA256:...   # in 'ssh -A' from alpha's admin"})
final class JoinCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(index = "0", paramLabel = "TOKEN|HOST", description = "The token 'gtfc invite' printed, or [USER@]HOST[:PORT][/PATH].")
  String token;

  @Parameters(index = "1", paramLabel = "FOLDER", description = "Where the folder goes; must be new or empty.")
  Path folder;

  @Mixin
  AddressOptions addresses;

  @Option(names = "--host-key", paramLabel = "FILE",
      description = "OpenSSH mode: peers reach this node through this host's sshd (--advertise USER@HOST:22),"
          + " and pin this host key of it, e.g. /etc/ssh/ssh_host_ed25519_key.pub. See 'gtfc authorize'.")
  Path hostKey;

  @Option(names = "--host-key-fingerprint", paramLabel = "SHA256:...",
      description = "Joining without a token: the host key fingerprint the node must present ('gtfc nodes' there shows it).")
  String hostKeyFingerprint;

  @Override
  public Integer call() {
    Addresses.Chosen chosen = addresses.choose(gtfc);
    Optional<SshPublicKey> servedBy = OpenSshMode.servedBy(hostKey == null ? null : gtfc.path(hostKey),
        addresses.advertise);
    JoinReport report;
    if (token.trim().startsWith("gtfc1.")) {
      report = gtfc.node().join().join(parse(token), gtfc.path(folder), chosen.name(), chosen.advertise(), servedBy);
    } else {
      Endpoint at = address(token);
      Path agent = Optional.ofNullable(gtfc.console().env().get("SSH_AUTH_SOCK")).filter(s -> !s.isBlank())
          .map(Path::of)
          .orElseThrow(() -> new GtfcException(Problem.BAD_INPUT, "'" + token + "' is no join token, and there is no"
              + " ssh-agent (SSH_AUTH_SOCK) to sign in at " + at + " with an admin's key: paste a token from"
              + " 'gtfc invite', or connect here with 'ssh -A' from an admin holding its key in its agent"));
      Fingerprint expected = expectedHostKey(at);
      report = gtfc.node().join().joinVouched(at, expected, agent, gtfc.path(folder), chosen.name(),
          chosen.advertise(), servedBy);
    }
    chosen.remember(report.folder().folder());
    gtfc.out().printf("joined cluster %s as '%s' (%s) through %s; %s is at %s%n",
        report.membership().cluster(), report.self().id(), report.self().role(), report.inviter(),
        report.folder(), report.head().abbreviated());
    if (!gtfc.quiet()) {
      gtfc.err().printf("next: start the daemon with 'gtfc watch %s' (or at boot: 'gtfc service install %s')%n",
          report.folder(), report.folder());
    }
    return ExitCode.OK.code;
  }

  /** {@code [USER@]HOST[:PORT][/PATH]}: the node's embedded server; the account and path mean nothing to it. */
  private static Endpoint address(String text) {
    String s = text.trim();
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    try {
      return Endpoint.parse(s, NodeSettings.DEFAULT_PORT);
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_INPUT, "'" + text + "' is neither a join token nor HOST[:PORT]: "
          + e.getMessage());
    }
  }

  /** The fingerprint the user gave, or one the user confirms on the terminal; never trusted silently. */
  private Fingerprint expectedHostKey(Endpoint at) {
    if (hostKeyFingerprint != null) {
      try {
        return Fingerprint.of(hostKeyFingerprint.trim());
      } catch (IllegalArgumentException e) {
        throw new GtfcException(Problem.BAD_INPUT, "--host-key-fingerprint: " + e.getMessage());
      }
    }
    Fingerprint presented = gtfc.node().join().presentedHostKey(at).fingerprint();
    java.io.Console terminal = System.console();
    if (!gtfc.console().interactive() || terminal == null) {
      throw new GtfcException(Problem.REFUSED, "without a token the host key of " + at + " cannot be checked: it"
          + " presents " + presented + "; if 'gtfc nodes' on that node shows the same, run again with"
          + " --host-key-fingerprint " + presented);
    }
    String answer = terminal.readLine("The node at %s presents host key %s.%nCompare it with 'gtfc nodes' on that"
        + " node. Join it? (yes/no) ", at, presented);
    if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
      throw new GtfcException(Problem.REFUSED, "not joining " + at + ": its host key " + presented
          + " was not confirmed");
    }
    return presented;
  }

  private static Invitation parse(String token) {
    try {
      return Invitation.parse(token);
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_INPUT, e.getMessage());
    }
  }
}
