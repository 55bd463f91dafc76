package io.gtfc.cli;

import io.gtfc.ports.Integration;
import io.gtfc.usecases.PullReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc pull: fetch from every peer and merge now. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Fetch from every reachable peer and merge into FOLDER now (the catch-up after a reboot).",
    footer = {"%nExit code 1 when a peer could not be reached (the others are merged anyway).",
        "%nExamples:%n  gtfc pull ~/share%n  cd ~/share && gtfc pull"})
final class PullCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    PullReport report = gtfc.node().pull().pull(gtfc.folder(folder));
    Render.peers(gtfc.out(), report.results());
    for (Integration i : report.integrations()) {
      if (i.outcome() == Integration.Outcome.HELD) {
        continue;
      }
      if (i.outcome() == Integration.Outcome.REFUSED) {
        gtfc.out().printf("%-12s refused, nothing of it applied: %s%n", i.sender(), i.refusal().orElse(""));
      } else if (i.outcome() != Integration.Outcome.UP_TO_DATE) {
        gtfc.out().printf("%-12s %s, %d path(s) changed%s%n", i.sender(), Render.outcome(i.outcome()),
            i.changedPaths().size(), i.conflicts().isEmpty() ? "" : ", " + i.conflicts().size()
                + " conflict(s) kept as copies (see 'gtfc conflicts')");
      }
    }
    gtfc.out().println(report.head().map(h -> "head " + h.abbreviated()).orElse("no commit yet"));
    Optional<String> held = report.held();
    if (held.isPresent()) {
      gtfc.err().println("gtfc: nothing pulled, the peers' changes wait: " + held.get());
      return ExitCode.REFUSED.code;
    }
    if (report.anyDeferred()) {
      gtfc.err().println("gtfc: files kept changing during the merge; run 'gtfc pull' again when they are quiet");
      return ExitCode.PARTIAL.code;
    }
    return report.reachedEveryPeer() && !report.anyRefused() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }
}
