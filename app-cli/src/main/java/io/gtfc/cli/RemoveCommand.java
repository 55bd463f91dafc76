package io.gtfc.cli;

import io.gtfc.domain.NodeId;
import io.gtfc.usecases.RemoveReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc remove: an admin takes another node out of the cluster. */
@Command(name = "remove", mixinStandardHelpOptions = true,
    description = {"Remove NODE from FOLDER's cluster (admins only): sign the member list without it and push it",
        "to every other member, which from then on refuses NODE's key (it can neither fetch nor push).",
        "NODE's folder stays there as plain files; a node leaving by itself runs 'gtfc unjoin'."},
    footer = {"%nExample:%n  gtfc remove gamma ~/share"})
final class RemoveCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(index = "0", paramLabel = "NODE", description = "The member to remove ('gtfc nodes' lists them).")
  NodeId node;

  @Parameters(index = "1", paramLabel = "FOLDER", arity = "0..1",
      description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    RemoveReport report = gtfc.node().remove().remove(gtfc.folder(folder), node);
    gtfc.out().printf("removed %s (%s) from cluster %s: member list version %d, signed by this node, head %s%n",
        report.removed().id(), report.removed().role(), report.cluster(), report.version(),
        report.head().abbreviated());
    Render.peers(gtfc.out(), report.results());
    return report.reachedEveryPeer() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }
}
