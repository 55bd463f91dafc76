package io.gtfc.cli;

import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.WipeReport;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc wipe: delete this node's gtfc state, after a confirmation. */
@Command(name = "wipe", mixinStandardHelpOptions = true,
    description = {"Delete this node's gtfc state: the keys, settings and pending invitations in the node home,",
        "and FOLDER's git directory and .git file (its history). Your files in FOLDER stay, unless --files.",
        "Asks for confirmation on a terminal; scripts pass --yes. Run 'gtfc unjoin' first, so that the",
        "cluster stops listing this node. Hooks in HOME/hooks stay (they are yours)."},
    footer = {"%nExamples:%n  gtfc unjoin ~/share && gtfc wipe ~/share%n  gtfc wipe --yes"})
final class WipeCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1",
      description = "The gtfc folder. Default: the one around the working directory, else the one this home was set up with.")
  Path folder;

  @Option(names = "--yes", description = "Do not ask: delete at once (for scripts).")
  boolean yes;

  @Option(names = "--files", description = "Also delete FOLDER with every file in it.")
  boolean files;

  @Override
  public Integer call() throws IOException {
    NodeHome home = gtfc.nodeHome();
    NodeSettings settings = NodeSettings.load(home);
    Optional<FolderLayout> target = target(settings);
    List<String> what = new ArrayList<>();
    what.add("the keys, settings and invitations of this node in " + home.path());
    target.ifPresent(t -> {
      what.add("the history of " + t.folder() + " (" + t.gitDir() + " and " + t.gitFile() + ")");
      if (files) {
        what.add(t.folder() + " itself, with every file in it");
      }
    });
    if (!yes && !confirmed(what)) {
      gtfc.err().println("gtfc: nothing deleted");
      return ExitCode.REFUSED.code;
    }
    WipeReport report = gtfc.node().wipe().wipe(target.map(FolderLayout::folder), files);
    settings.forget();
    deleteIfEmpty(home.path());
    gtfc.out().println("deleted " + String.join("; ", what));
    report.folder().filter(f -> !report.filesDeleted())
        .ifPresent(f -> gtfc.out().println(f.folder() + " stays as plain files"));
    report.stillMember().ifPresent(name -> gtfc.err().printf("note: the cluster still lists this node as '%s',"
        + " now without its key: an admin removes it with 'gtfc remove %s'%n", name, name));
    return ExitCode.OK.code;
  }

  /** The folder named, else the gtfc folder around the working directory, else this home's own. */
  private Optional<FolderLayout> target(NodeSettings settings) {
    if (folder != null) {
      FolderLayout given = FolderLayout.of(gtfc.path(folder));
      if (!gtfc.node().stores().exists(given)) {
        throw new GtfcException(Problem.BAD_INPUT, given.folder() + " is not a gtfc folder: name the folder this"
            + " node syncs, or leave FOLDER out to wipe only the node home");
      }
      return Optional.of(given);
    }
    Optional<FolderLayout> around = gtfc.node().stores().find(gtfc.console().workingDirectory());
    if (around.isPresent()) {
      return around;
    }
    return settings.folder().map(FolderLayout::of).filter(gtfc.node().stores()::exists);
  }

  private boolean confirmed(List<String> what) throws IOException {
    if (!gtfc.console().interactive()) {
      throw new GtfcException(Problem.REFUSED, "gtfc wipe deletes " + String.join(" and ", what)
          + ": there is no terminal to confirm on, so pass --yes");
    }
    gtfc.err().println("gtfc wipe deletes:");
    what.forEach(w -> gtfc.err().println("  " + w));
    gtfc.err().print("Type 'yes' to delete: ");
    gtfc.err().flush();
    String answer = gtfc.console().in().readLine();
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).equals("yes");
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // hooks or other files of the user's stay, and so does the directory
    } catch (IOException e) {
      // an empty directory left behind is harmless
    }
  }
}
