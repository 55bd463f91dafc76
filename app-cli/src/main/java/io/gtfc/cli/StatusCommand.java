package io.gtfc.cli;

import io.gtfc.domain.RelativePath;
import io.gtfc.usecases.PeerStatus;
import io.gtfc.usecases.StatusReport;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc status: this node and what it last heard from each peer. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show this node's head and pending changes, and each peer's last known head.",
        "Reads local state only; exit code 0 when nothing is pending and every peer was last seen at this head."})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    StatusReport report = gtfc.node().status().status(gtfc.folder(folder));
    if (json) {
      gtfc.out().println(json(report));
    } else {
      table(report);
    }
    return report.inSync() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }

  private void table(StatusReport r) {
    var out = gtfc.out();
    out.printf("folder   %s%n", r.folder());
    out.printf("node     %s (%s) at %s%n", r.self().id(), r.self().role(), r.self().endpoint());
    out.printf("head     %s%n", r.head().map(h -> h.abbreviated()).orElse("no commit yet"));
    out.printf("pending  %d change(s)%s%n", r.pending().size(),
        r.pending().isEmpty() ? "" : ": " + String.join(", ", r.pending().stream().limit(5).map(RelativePath::value).toList())
            + (r.pending().size() > 5 ? ", ..." : ""));
    out.printf("%-12s %-24s %-12s %s%n", "PEER", "ENDPOINT", "LAST HEAD", "THIS NODE IS");
    for (PeerStatus p : r.peers()) {
      out.printf("%-12s %-24s %-12s %s%n", p.member().id(), p.member().endpoint(),
          p.lastKnownHead().map(h -> h.abbreviated()).orElse("never seen"),
          p.divergence().map(d -> d.inSync() ? "in sync" : d.ahead() + " ahead, " + d.behind() + " behind").orElse("-"));
    }
    out.println(r.inSync() ? "in sync" : "not in sync");
  }

  static String json(StatusReport r) {
    StringJoiner peers = new StringJoiner(",", "[", "]");
    for (PeerStatus p : r.peers()) {
      peers.add("{\"name\":" + Json.string(p.member().id().value())
          + ",\"endpoint\":" + Json.string(p.member().endpoint().toString())
          + ",\"role\":" + Json.string(p.member().role().label())
          + ",\"lastKnownHead\":" + p.lastKnownHead().map(h -> Json.string(h.id())).orElse("null")
          + ",\"ahead\":" + p.divergence().map(d -> Integer.toString(d.ahead())).orElse("null")
          + ",\"behind\":" + p.divergence().map(d -> Integer.toString(d.behind())).orElse("null") + "}");
    }
    StringJoiner pending = new StringJoiner(",", "[", "]");
    r.pending().forEach(p -> pending.add(Json.string(p.value())));
    return "{\"folder\":" + Json.string(r.folder().toString())
        + ",\"node\":" + Json.string(r.self().id().value())
        + ",\"role\":" + Json.string(r.self().role().label())
        + ",\"head\":" + r.head().map(h -> Json.string(h.id())).orElse("null")
        + ",\"pending\":" + pending
        + ",\"peers\":" + peers
        + ",\"inSync\":" + r.inSync() + "}";
  }
}
