package io.gtfc.cli;

import io.gtfc.usecases.LeaveReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc unjoin: this node leaves its cluster. */
@Command(name = "unjoin", mixinStandardHelpOptions = true,
    description = {"Leave FOLDER's cluster: an admin node removes this node from the member list (signed),",
        "and every member then refuses this node's key. FOLDER stays as plain files with their history",
        "('git log' works there); the node home keeps its keys ('gtfc wipe' deletes them).",
        "An admin node must be serving: if none can be reached, nothing changes anywhere.",
        "Stop 'gtfc serve' or 'gtfc watch' for FOLDER first."},
    footer = {"%nExample:%n  gtfc unjoin ~/share"})
final class UnjoinCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    LeaveReport report = gtfc.node().leave().leave(gtfc.folder(folder));
    gtfc.out().printf("left cluster %s: %s%n", report.cluster(), report.answer());
    gtfc.out().printf("%s stays as plain files with their history ('git log' works there);"
        + " this node's keys stay in %s%n", report.folder(), gtfc.nodeHome().path());
    gtfc.err().printf("next: 'gtfc wipe %s' deletes what gtfc kept (keys, settings, git directory), never your files%n",
        report.folder());
    return ExitCode.OK.code;
  }
}
