package io.gtfc.cli;

import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.PushReport;
import io.gtfc.usecases.RestoreFile;
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
    description = {"Bring back a past version of PATH as a new change, and push it to every peer.",
        "Without --at: the newest version that differs from the current one (so a deleted file comes back)."},
    footer = {"%nExamples:%n  gtfc restore ~/share notes/todo.txt%n  gtfc restore ~/share notes/todo.txt --at 3f9a2c1e"
        + "%n  gtfc restore ~/share notes/todo.txt --at 2026-11-25T09:30"})
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The gtfc folder.")
  Path folder;

  @Parameters(index = "1", paramLabel = "PATH", description = "The file, relative to the folder.")
  String path;

  @Option(names = "--at", paramLabel = "REV|TIME",
      description = "A revision (4+ hex digits, see 'gtfc log') or a time: 2026-11-25T09:30 (local) or 2026-11-25T09:30:00Z.")
  String at;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
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
