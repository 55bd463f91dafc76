package io.gtfc.cli;

import io.gtfc.domain.Invitation;
import io.gtfc.domain.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc invite: print a one-time join token. */
@Command(name = "invite", mixinStandardHelpOptions = true,
    description = {"Print a one-time join token for a new member, alone on standard output.",
        "The token names this node's address and host-key fingerprint; this node must be serving when it is used."},
    footer = {"%nExample:%n  TOKEN=$(gtfc invite ~/share --read-only --expires 30m)"})
final class InviteCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--read-only", description = "The new member may fetch but every peer refuses its pushes.")
  boolean readOnly;

  @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "1h",
      description = "How long the token stays good: e.g. 30m, 1h, 2d. Default: ${DEFAULT-VALUE}.")
  Duration expires;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
    Invitation invitation = gtfc.node().invite()
        .invite(target, readOnly ? Role.READ_ONLY : Role.READ_WRITE, expires);
    gtfc.out().println(invitation.token());
    gtfc.err().printf("one-time token for a %s member, good until %s; on the new node run:%n"
            + "  gtfc join TOKEN FOLDER --name NAME --listen HOST:PORT%n",
        invitation.role(), invitation.expiresAt());
    return ExitCode.OK.code;
  }
}
