package io.gtfc.cli;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc diff: what changed, as a unified diff. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Show what changed, as a unified diff.",
        "By default: the edits not committed yet (the working tree against the head); --to REV alone shows",
        "what that commit changed; --from and --to compare any two versions (--from alone: that version",
        "against the working tree). PATH limits it to a file or directory. Revisions are 4 or more hex",
        "digits of a commit id, as 'gtfc log' prints them."},
    footer = {"%nExamples:%n  gtfc diff ~/share                              # edits not committed yet"
        + "%n  gtfc diff ~/share notes/todo.txt --to 3f9a2c1e  # what that commit did"
        + "%n  gtfc diff ~/share --from 3f9a2c1e --to 8be01d44"
        + "%n  cd ~/share && gtfc diff notes                  # FOLDER may be omitted"})
final class DiffCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "[FOLDER] [PATH]", arity = "0..2",
      description = "The gtfc folder (default: the one around the working directory), then a file or directory in it.")
  List<String> arguments;

  @Option(names = "--from", paramLabel = "REV", description = "The old version. Default: the parent of --to, or the head.")
  String from;

  @Option(names = "--to", paramLabel = "REV", description = "The new version. Default: the working tree as it is now.")
  String to;

  @Override
  public Integer call() {
    List<String> args = arguments == null ? List.of() : arguments;
    Path target;
    Optional<RelativePath> path;
    if (args.size() == 2) {
      target = gtfc.folder(Path.of(args.get(0)));
      path = Optional.of(LogCommand.relative(target, args.get(1)));
    } else if (args.size() == 1 && isFolder(args.get(0))) {
      target = gtfc.folder(Path.of(args.get(0)));
      path = Optional.empty();
    } else {
      target = gtfc.folder(null);
      path = args.stream().findFirst()
          .map(p -> LogCommand.relative(target, gtfc.path(Path.of(p)).toString()));
    }
    String diff = gtfc.node().diff().diff(target, path, Optional.ofNullable(from), Optional.ofNullable(to));
    gtfc.out().print(diff);
    gtfc.out().flush();
    if (diff.isEmpty() && !gtfc.quiet()) {
      gtfc.err().println("no differences");
    }
    return ExitCode.OK.code;
  }

  /** One argument names the folder when it is a gtfc folder itself; otherwise a path in the current one. */
  private boolean isFolder(String arg) {
    return gtfc.node().stores().exists(FolderLayout.of(gtfc.path(Path.of(arg))));
  }
}
