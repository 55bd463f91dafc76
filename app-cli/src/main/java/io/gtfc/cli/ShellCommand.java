package io.gtfc.cli;

import io.gtfc.domain.NodeId;
import io.gtfc.usecases.ShellCall;
import io.gtfc.usecases.ShellReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc shell: the forced command of a member's key in OpenSSH's authorized_keys. */
@Command(name = "shell", mixinStandardHelpOptions = true,
    description = {"The forced command of a member's key in ~/.ssh/authorized_keys (OpenSSH mode; 'gtfc authorize'"
        + " writes the line). Serves git-upload-pack and git-receive-pack for FOLDER only, as $SSH_ORIGINAL_COMMAND"
        + " asks, takes a push only into the sender's inbox, and merges it. Not for interactive use."},
    footer = {"%nExit 1: refused; the reason is one line on standard error.",
        "%nExample: a line in ~/.ssh/authorized_keys that runs it:",
        "  command=\"/opt/gtfc/gtfc --home /home/alice/.gtfc shell --node beta /home/alice/share\",restrict ssh-ed25519 AAAA..."})
final class ShellCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Option(names = "--read-only", description = "This key may fetch, never push.")
  boolean readOnly;

  @Option(names = "--node", paramLabel = "NAME", description = "The member this key belongs to; without it the key may only fetch.")
  NodeId node;

  @Parameters(paramLabel = "FOLDER", description = "The gtfc folder this key may sync.")
  Path folder;

  @Override
  public Integer call() throws IOException {
    Map<String, String> env = gtfc.console().env();
    ShellCall call = ShellCall.builder()
        .folder(gtfc.path(folder))
        .sender(Optional.ofNullable(node))
        .readOnly(readOnly)
        .command(Optional.ofNullable(env.get("SSH_ORIGINAL_COMMAND")))
        .accountHome(Optional.ofNullable(env.get("HOME")).filter(h -> !h.isBlank()).map(Path::of))
        .build();
    Gtfc.Wire wire = gtfc.wire();
    ShellReport report = gtfc.node().shell().answer(call, wire.in(), wire.out(), wire.err());
    wire.out().flush();
    wire.err().flush();
    // 1, as OpenSSH forced commands say "no"; git clients read the reason from the protocol stream
    return report.outcome() == ShellReport.Outcome.REFUSED ? 1 : ExitCode.OK.code;
  }
}
