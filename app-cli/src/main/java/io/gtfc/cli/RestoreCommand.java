package io.gtfc.cli;

import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.PushReport;
import io.gtfc.usecases.RestoreFile;
import io.gtfc.usecases.RestoreFolder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc restore: any past version of a file, as a new change that syncs. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Bring back a past version of a file or of the whole folder, on every node.",
        "The past version becomes a new change, pushed to every peer; the versions it replaces stay in history.",
        "PATH without --at: the newest version that differs from the current one (so a deleted file comes back).",
        "No PATH: every file as it was at --at (files added since are removed; the member list in .gtfc/ is kept)."},
    footer = {"%nExamples:%n  gtfc restore ~/share notes/todo.txt          # undelete, or the last version"
        + "%n  gtfc restore ~/share notes/todo.txt --at 3f9a2c1e%n  gtfc restore ~/share notes/todo.txt --at 2026-11-25T09:30"
        + "%n  gtfc restore ~/share --at 2026-11-25T09:30   # the whole folder as it was then"})
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The gtfc folder.")
  Path folder;

  @Parameters(index = "1", paramLabel = "PATH", arity = "0..1",
      description = "The file, relative to the folder. Without it, the whole folder (then --at is required).")
  String path;

  @Option(names = "--at", paramLabel = "REV|TIME",
      description = "A revision (4+ hex digits, see 'gtfc log') or a time: 2026-11-25T09:30 (local) or 2026-11-25T09:30:00Z.")
  String at;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
    if (path == null) {
      return restoreFolder(target);
    }
    RestoreFile.Restored restored = gtfc.node().restore().restore(target, LogCommand.relative(target, path), at(at));
    if (restored.committed().isEmpty()) {
      gtfc.out().printf("%s is already as it was in %s: nothing to restore%n", restored.path(), restored.from().abbreviated());
      return ExitCode.OK.code;
    }
    gtfc.out().printf("%s %s as of %s, committed %s%n", restored.deleted() ? "deleted" : "restored", restored.path(),
        restored.from().abbreviated(), restored.committed().get().abbreviated());
    PushReport pushed = gtfc.node().push().push(target, false);
    Render.peers(gtfc.out(), pushed.results());
    return pushed.reachedEveryPeer() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }

  private int restoreFolder(Path target) {
    if (at == null) {
      throw new GtfcException(Problem.BAD_INPUT, "restoring the whole folder needs --at REV or --at TIME"
          + " (see 'gtfc log'), e.g. 'gtfc restore " + target + " --at 2026-11-25T09:30'");
    }
    RestoreFolder.Restored restored = gtfc.node().restoreFolder().restore(target, at(at));
    if (restored.committed().isEmpty()) {
      gtfc.out().printf("the folder is already as it was in %s: nothing to restore%n", restored.from().abbreviated());
      return ExitCode.OK.code;
    }
    gtfc.out().printf("restored the folder as of %s: %d file(s) changed, committed %s%n", restored.from().abbreviated(),
        restored.changed().size(), restored.committed().get().abbreviated());
    PushReport pushed = gtfc.node().push().push(target, false);
    Render.peers(gtfc.out(), pushed.results());
    return pushed.reachedEveryPeer() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }

  private RestoreFile.At at(String text) {
    if (text == null) {
      return new RestoreFile.At.Previous();
    }
    if (text.matches("[0-9a-fA-F]{4,40}")) {
      return new RestoreFile.At.RevisionPrefix(text);
    }
    try {
      return new RestoreFile.At.Time(Instant.parse(text));
    } catch (DateTimeParseException notInstant) {
      try {
        return new RestoreFile.At.Time(LocalDateTime.parse(text.replace(' ', 'T'))
            .atZone(ZoneId.systemDefault()).toInstant());
      } catch (DateTimeParseException e) {
        throw new GtfcException(Problem.BAD_INPUT, "'" + text + "' is neither a revision (4 to 40 hex digits) nor a"
            + " time like 2026-11-25T09:30 or 2026-11-25T09:30:00Z");
      }
    }
  }
}
