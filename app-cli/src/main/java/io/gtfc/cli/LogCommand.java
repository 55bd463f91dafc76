package io.gtfc.cli;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.Problem;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc log: the folder's history. */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Show the history of FOLDER, or of one PATH in it: revision, time (UTC), node, change.",
    footer = {"%nExamples:%n  gtfc log ~/share%n  gtfc log ~/share notes/todo.txt"})
final class LogCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The gtfc folder.")
  Path folder;

  @Parameters(index = "1", paramLabel = "PATH", arity = "0..1", description = "A file in the folder, relative to it.")
  String path;

  @Option(names = {"-n", "--max"}, paramLabel = "N", defaultValue = "50", description = "At most N entries. Default: ${DEFAULT-VALUE}.")
  int max;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
    Optional<RelativePath> only = Optional.ofNullable(path).map(p -> relative(target, p));
    List<HistoryEntry> entries = gtfc.node().history().history(target, only, max);
    for (HistoryEntry e : entries) {
      gtfc.out().printf("%s  %s  %-10s %s%n", e.revision().abbreviated(), TIME.format(e.when()), e.author(), e.message());
      if (only.isEmpty() && !e.paths().isEmpty() && e.paths().size() <= 5) {
        e.paths().forEach(p -> gtfc.out().printf("      %s%n", p));
      } else if (only.isEmpty() && e.paths().size() > 5) {
        gtfc.out().printf("      %d files%n", e.paths().size());
      }
    }
    if (entries.isEmpty()) {
      gtfc.err().println(only.map(p -> "no history for " + p).orElse("no commit yet"));
    }
    return ExitCode.OK.code;
  }

  /** A path as the user typed it: relative to the folder, or absolute inside it. */
  static RelativePath relative(Path folder, String typed) {
    Path p = Path.of(typed);
    if (p.isAbsolute()) {
      Path normalized = p.normalize();
      if (!normalized.startsWith(folder)) {
        throw new GtfcException(Problem.BAD_INPUT, typed + " is not inside " + folder);
      }
      p = folder.relativize(normalized);
    }
    try {
      return RelativePath.of(p.toString().replace('\\', '/'));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_INPUT, e.getMessage());
    }
  }
}
