package io.gtfc.cli;

import io.gtfc.domain.Member;
import io.gtfc.usecases.NodesReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc nodes: the member list. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
    description = "List the members of FOLDER's cluster: name, endpoint, role, host-key fingerprint ('*' marks this node).",
    footer = {"%nExample:%n  gtfc nodes ~/share"})
final class NodesCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    NodesReport report = gtfc.node().nodes().nodes(gtfc.folder(folder));
    gtfc.out().printf("  %-12s %-24s %-10s %s%n", "NAME", "ENDPOINT", "ROLE", "HOST KEY");
    for (Member m : report.membership().members()) {
      gtfc.out().printf("%s %-12s %-24s %-10s %s%n", m.id().equals(report.self()) ? "*" : " ",
          m.id(), m.endpoint(), m.role(), m.hostKeyFingerprint());
    }
    return ExitCode.OK.code;
  }
}
