package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.usecases.BootstrapReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc bootstrap: start a cluster. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
    description = "Start a new cluster with FOLDER as its first copy; this node becomes its admin.",
    footer = {"%nExample:%n  gtfc --home ~/.gtfc bootstrap ~/share --name alpha --listen 0.0.0.0:7419"})
final class BootstrapCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", description = "The folder to sync; created if missing, its files are kept.")
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
    Addresses.Chosen chosen = Addresses.choose(gtfc, name, listen, advertise);
    Path target = gtfc.path(folder);
    BootstrapReport report = gtfc.node().bootstrap().bootstrap(target, chosen.name(), chosen.advertise());
    chosen.remember(report.folder().folder());
    gtfc.out().printf("bootstrapped cluster %s in %s%n", report.membership().cluster(), report.folder());
    gtfc.out().printf("this node is '%s' (%s), reachable by peers at %s%n",
        report.self().id(), report.self().role(), report.self().endpoint());
    if (!gtfc.quiet()) {
      gtfc.err().printf("next: start the daemon with 'gtfc watch %s' (or at boot: 'gtfc service install %s'),"
          + " then invite nodes with 'gtfc invite %s'%n", report.folder(), report.folder(), report.folder());
    }
    return ExitCode.OK.code;
  }
}
