package io.gtfc.cli;

import io.gtfc.ports.HistoryEntry;
import io.gtfc.usecases.ShowLastCommits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc remote-status: the last commit on every member, as the original gtfcremote-status printed it. */
@Command(name = "remote-status", mixinStandardHelpOptions = true,
    description = {"Print the last commit on every member: this node, then each peer, asked now.",
        "A peer's head that is not here yet is fetched (not merged) so that it can be shown; a peer that does",
        "not answer is shown as last seen."},
    footer = {"%nExit code 0 when every peer answered, 1 otherwise.",
        "%nExample:%n  gtfc remote-status ~/share"})
final class RemoteStatusCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    List<ShowLastCommits.MemberCommit> commits = gtfc.node().lastCommits().lastCommits(gtfc.folder(folder));
    PrintWriter out = gtfc.out();
    boolean everyone = true;
    for (ShowLastCommits.MemberCommit c : commits) {
      String who = c.member().id() + (c.self() ? " (this node)" : "") + " at " + c.member().endpoint();
      out.println(who);
      if (!c.self() && !c.probe().orElseThrow().reached()) {
        everyone = false;
        out.printf("    %s: %s%n", c.probe().get().outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
            c.probe().get().detail());
      }
      if (c.last().isPresent()) {
        HistoryEntry e = c.last().get();
        out.printf("    %s%s%n", c.current() ? "commit " : "last seen at commit ", e.revision().id());
        out.printf("    Author: %s%n", e.author());
        out.printf("    Date:   %s%n", TIME.format(e.when()));
        out.printf("    %s%n", e.message().strip().replace("\n", "\n    "));
      } else if (c.current()) {
        out.println("    no commit yet");
      } else {
        out.println("    never heard from");
      }
    }
    return everyone ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }
}
