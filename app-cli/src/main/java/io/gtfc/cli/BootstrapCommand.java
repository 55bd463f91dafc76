package io.gtfc.cli;

import io.gtfc.usecases.BootstrapReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  AddressOptions addresses;

  @Option(names = "--host-key", paramLabel = "FILE",
      description = "OpenSSH mode: peers reach this node through this host's sshd (--advertise USER@HOST:22),"
          + " and pin this host key of it, e.g. /etc/ssh/ssh_host_ed25519_key.pub. See 'gtfc authorize'.")
  Path hostKey;

  @Override
  public Integer call() {
    Addresses.Chosen chosen = addresses.choose(gtfc);
    Path target = gtfc.path(folder);
    BootstrapReport report = gtfc.node().bootstrap().bootstrap(target, chosen.name(), chosen.advertise(),
        OpenSshMode.servedBy(hostKey == null ? null : gtfc.path(hostKey), addresses.advertise));
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
