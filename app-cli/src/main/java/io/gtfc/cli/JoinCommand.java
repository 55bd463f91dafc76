package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.NodeId;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.JoinReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc join: become a member with a token and copy the folder. */
@Command(name = "join", mixinStandardHelpOptions = true,
    description = "Join a cluster with a token from 'gtfc invite', copying the folder into FOLDER (new or empty).",
    footer = {"%nExample:%n  gtfc --home ~/.gtfc join gtfc1.eyJ... ~/share --name beta --listen 0.0.0.0:7419"})
final class JoinCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(index = "0", paramLabel = "TOKEN", description = "The token 'gtfc invite' printed.")
  String token;

  @Parameters(index = "1", paramLabel = "FOLDER", description = "Where the folder goes; must be new or empty.")
  Path folder;

  @Option(names = "--name", paramLabel = "N", description = "This node's name in the cluster. Default: the host name.")
  NodeId name;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where this node's SSH server listens. Default: 0.0.0.0:7419.")
  Endpoint listen;

  @Option(names = "--advertise", paramLabel = "HOST:PORT",
      description = "Where peers reach this node. Default: the listen address, or this host's name.")
  Endpoint advertise;

  @Override
  public Integer call() {
    Invitation invitation = parse(token);
    Addresses.Chosen chosen = Addresses.choose(gtfc, name, listen, advertise);
    JoinReport report = gtfc.node().join().join(invitation, gtfc.path(folder), chosen.name(), chosen.advertise());
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

  private static Invitation parse(String token) {
    try {
      return Invitation.parse(token);
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_INPUT, e.getMessage());
    }
  }
}
