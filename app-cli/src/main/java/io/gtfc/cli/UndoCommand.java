package io.gtfc.cli;

import io.gtfc.domain.RelativePath;
import io.gtfc.usecases.PushReport;
import io.gtfc.usecases.UndoChange;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc undo: revert one batch of changes everywhere, as a new change. */
@Command(name = "undo", mixinStandardHelpOptions = true,
    description = {"Revert a batch of changes on every node: by default the last one this node made.",
        "Each file the batch (or the commit --rev names) changed goes back to how it was just before, as a new",
        "change pushed to every peer; history keeps both. Refused when later commits changed the same files,",
        "unless --force."},
    footer = {"%nExamples:%n  gtfc undo ~/share                 # the last batch made here"
        + "%n  gtfc undo ~/share --rev 3f9a2c1e  # any commit 'gtfc log' shows"
        + "%n  gtfc undo ~/share --rev 3f9a2c1e --force"})
final class UndoCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--rev", paramLabel = "REV", description = "The commit to undo (4+ hex digits). Default: this node's last one.")
  String revision;

  @Option(names = "--force", description = "Revert files even where later commits changed them again.")
  boolean force;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
    UndoChange.Undone undone = gtfc.node().undo().undo(target, Optional.ofNullable(revision), force);
    String batch = undone.batch().revision().abbreviated() + " (" + undone.batch().message().strip().lines().findFirst().orElse("") + ")";
    if (undone.committed().isEmpty()) {
      gtfc.out().printf("nothing to undo: the files of %s are already as they were before it%n", batch);
      return ExitCode.OK.code;
    }
    gtfc.out().printf("undid %s: %d file(s) put back, committed %s%n", batch, undone.reverted().size(),
        undone.committed().get().abbreviated());
    undone.reverted().stream().limit(10).map(RelativePath::value).forEach(p -> gtfc.out().printf("      %s%n", p));
    PushReport pushed = gtfc.node().push().push(target, false);
    Render.peers(gtfc.out(), pushed.results());
    return pushed.reachedEveryPeer() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }
}
