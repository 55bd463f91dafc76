package io.gtfc.cli;

import io.gtfc.usecases.ListConflicts;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc conflicts: the conflict copies and where each came from. */
@Command(name = "conflicts", mixinStandardHelpOptions = true,
    description = {"List the conflict copies in FOLDER, and where each came from.",
        "Each holds the version of a file that lost a conflict, named NAME.sync-conflict-YYYYMMDD-HHMMSS-NODE.EXT",
        "beside it. Keep what you need, delete the copy."},
    footer = {"%nExample:%n  gtfc conflicts ~/share"})
final class ConflictsCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    List<ListConflicts.Copy> copies = gtfc.node().conflicts().conflicts(gtfc.folder(folder));
    if (copies.isEmpty()) {
      gtfc.out().println("no conflict copies");
    } else {
      gtfc.out().printf("%-48s %-32s %-10s %s%n", "COPY", "CONFLICTED AT", "FROM", "EDITED (UTC)");
      for (ListConflicts.Copy c : copies) {
        String s = c.origin().stamp();
        gtfc.out().printf("%-48s %-32s %-10s %s-%s-%s %s:%s:%s%n", c.copy(), c.origin().original(), c.origin().node(),
            s.substring(0, 4), s.substring(4, 6), s.substring(6, 8), s.substring(9, 11), s.substring(11, 13),
            s.substring(13, 15));
      }
    }
    return ExitCode.OK.code;
  }
}
