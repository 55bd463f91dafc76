package io.gtfc.cli;

import io.gtfc.usecases.PushReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc push: commit now and send to every peer. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Commit local changes in FOLDER now and push them to every peer.",
    footer = {"%nExit code 1 when a peer could not be reached or refused (each is listed).",
        "%nExamples:%n  gtfc push ~/share%n  cd ~/share && gtfc push"})
final class PushCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--allow-mass-delete",
      description = "Commit even when most of the folder was deleted or the folder is empty (normally refused).")
  boolean allowMassDelete;

  @Override
  public Integer call() {
    PushReport report = gtfc.node().push().push(gtfc.folder(folder), allowMassDelete);
    gtfc.out().println(report.committed()
        .map(r -> "committed " + r.abbreviated())
        .orElse("nothing new to commit" + report.head().map(h -> "; head " + h.abbreviated()).orElse("")));
    Render.peers(gtfc.out(), report.results());
    return report.reachedEveryPeer() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }
}
