package io.gtfc.cli;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Role;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.NodesReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc authorize: let a member in through this host's OpenSSH sshd, for 'gtfc shell' only. */
@Command(name = "authorize", mixinStandardHelpOptions = true,
    description = {"OpenSSH mode: let member NAME sync FOLDER through this host's sshd. Writes one line to"
        + " ~/.ssh/authorized_keys that lets NAME's key run only 'gtfc shell' for FOLDER (command=\"...\",restrict);"
        + " running it again replaces that line, never duplicates it.",
        "A read-only member's line is read-only whatever the options say."},
    footer = {"%nExamples:",
        "  gtfc authorize ~/share --node alpha                     # alpha's key from the member list",
        "  gtfc authorize ~/share --node beta --key beta.pub --read-only"})
final class AuthorizeCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--node", paramLabel = "NAME", required = true, description = "The member the key belongs to.")
  NodeId node;

  @Option(names = "--key", paramLabel = "FILE",
      description = "Its public key file. Default: NAME's key in the member list.")
  Path key;

  @Option(names = "--read-only", description = "The key may fetch, never push.")
  boolean readOnly;

  @Option(names = "--authorized-keys", paramLabel = "FILE", description = "Default: ~/.ssh/authorized_keys.")
  Path authorizedKeys;

  @Option(names = "--command", paramLabel = "CMD",
      description = "How sshd starts gtfc. Default: this launcher ($GTFC_LAUNCHER), else this Java and jar.")
  String command;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
    NodesReport nodes = gtfc.node().nodes().nodes(target);
    Optional<Member> member = nodes.membership().member(node);
    SshPublicKey userKey = keyOf(member);
    boolean onlyFetch = readOnly || member.map(m -> m.role() == Role.READ_ONLY).orElse(false);
    Path file = authorizedKeys != null ? gtfc.path(authorizedKeys)
        : Path.of(gtfc.console().env().getOrDefault("HOME", System.getProperty("user.home")), ".ssh", "authorized_keys");
    String launcher = command != null ? command : OpenSshMode.launcher(gtfc.console().env());
    String line = OpenSshMode.authorizedKeysLine(launcher, gtfc.nodeHome().path(), target, node.value(), onlyFetch,
        userKey);
    AuthorizedKeysFile.Change change = AuthorizedKeysFile.put(file, userKey, line);
    gtfc.out().printf("%s %s (%s, %s) in %s: its key may run only 'gtfc shell' for %s%n",
        switch (change) {
          case ADDED -> "authorized";
          case REPLACED -> "updated";
          case UNCHANGED -> "already authorized:";
        },
        node, onlyFetch ? "read-only" : "may push", userKey.fingerprint(), file, target);
    if (member.isEmpty()) {
      gtfc.err().printf("note: %s is not (yet) a member of this cluster, so its pushes are refused until it is%n", node);
    }
    return ExitCode.OK.code;
  }

  private SshPublicKey keyOf(Optional<Member> member) {
    if (key == null) {
      return member.map(Member::userKey).orElseThrow(() -> new GtfcException(Problem.BAD_INPUT,
          node + " is not a member of this cluster: give its public key with --key FILE"));
    }
    SshPublicKey given = OpenSshMode.publicKey(gtfc.path(key));
    if (member.isPresent() && !member.get().userKey().equals(given)) {
      throw new GtfcException(Problem.BAD_INPUT, "the key in " + key + " (" + given.fingerprint() + ") is not "
          + node + "'s key in the member list (" + member.get().userKey().fingerprint() + "): leave out --key");
    }
    return given;
  }
}
