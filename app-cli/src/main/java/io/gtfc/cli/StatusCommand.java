package io.gtfc.cli;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.usecases.PeerStatus;
import io.gtfc.usecases.StatusReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc status: is the cluster in sync, and if not, who is behind and why. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Is the cluster in sync? This node, its daemon, and every peer: answering or not, and why.",
        "Shows this node (head, pending changes, its daemon) and each peer: whether it answers (and why not),",
        "its head, how far it is ahead or behind, and when it was last synced with; then one line: 'in sync'",
        "(no pending change, every peer answers at this node's head) or what is not. Each peer is asked for",
        "its head (all at once, 5 s at most); nothing is downloaded or changed.",
        "Pending changes: a scan of the folder, or the record of a 'gtfc watch' running",
        "on it that has committed every edit it saw."},
    footer = {"%nExit code 0 when in sync, 1 when not (for scripts and monitoring).",
        "%nExamples:%n  gtfc status ~/share%n  gtfc status --json | jq .verdict"
            + "%n  gtfc status --offline      # as last heard, without contacting peers"})
final class StatusCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Option(names = "--offline", description = "Do not contact peers: show their heads as this node last heard them.")
  boolean offline;

  @Override
  public Integer call() {
    StatusReport report = gtfc.node().status().status(gtfc.folder(folder), !offline);
    Instant now = gtfc.console().clock().instant();
    if (json) {
      gtfc.out().println(json(report, now));
    } else {
      table(report, now);
      hint(report).filter(h -> !gtfc.quiet()).ifPresent(h -> gtfc.err().println(h));
    }
    return report.inSync() ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }

  /** What to do next, when something is off. */
  static Optional<String> hint(StatusReport r) {
    if (r.inSync()) {
      return Optional.empty();
    }
    if (r.peers().stream().anyMatch(p -> p.reachable().isPresent() && !p.reachable().get())) {
      return Optional.of("hint: 'gtfc doctor " + r.folder() + "' says what to do about a peer that does not answer");
    }
    boolean daemon = r.daemon().map(d -> d.alive() && d.state().running()).orElse(false);
    return daemon ? Optional.empty()
        : Optional.of("hint: no daemon runs here: sync now with 'gtfc push' and 'gtfc pull', or start 'gtfc watch "
            + r.folder() + "'");
  }

  private void table(StatusReport r, Instant now) {
    PrintWriter out = gtfc.out();
    out.printf("folder   %s%n", r.folder());
    out.printf("node     %s (%s) at %s%n", r.self().id(), r.self().role().label(), r.self().endpoint());
    out.printf("head     %s%n", r.head().map(h -> h.abbreviated()).orElse("no commit yet"));
    out.printf("pending  %s%n", r.pending().isEmpty()
        ? r.pendingScanned() ? "nothing" : "nothing (the daemon watching here has committed every edit it saw)"
        : r.pending().size() + " change(s): " + String.join(", ", r.pending().stream().limit(5).map(RelativePath::value).toList())
            + (r.pending().size() > 5 ? ", ..." : ""));
    out.printf("daemon   %s%n", daemon(r.daemon(), now));
    if (r.peers().isEmpty()) {
      out.println("no peers yet: invite one with 'gtfc invite'");
    } else {
      out.printf("%-12s %-22s %-12s %-11s %-22s %s%n", "PEER", "ENDPOINT", "STATE", "HEAD", "THIS NODE IS", "LAST SYNC");
      for (PeerStatus p : r.peers()) {
        out.printf("%-12s %-22s %-12s %-11s %-22s %s%n", p.member().id(), p.member().endpoint(), state(p),
            p.head().map(h -> h.abbreviated()).orElse(p.reachable().orElse(false) ? "no commit" : "unknown"),
            relation(p), p.lastSync().map(t -> ago(t, now)).orElse("never"));
        p.probe().filter(probe -> !probe.reached())
            .ifPresent(probe -> out.printf("             %s%n", probe.detail()));
      }
    }
    out.println(verdict(r));
  }

  /** One line: "in sync", or "not in sync: " and each reason. */
  static String verdict(StatusReport r) {
    if (r.inSync()) {
      return r.contacted() || r.peers().isEmpty() ? "in sync" : "in sync, as last heard (peers not contacted)";
    }
    List<String> why = new ArrayList<>();
    if (!r.pending().isEmpty()) {
      why.add(r.pending().size() + " change(s) here not committed yet");
    }
    for (PeerStatus p : r.peers()) {
      String name = p.member().id().value();
      if (p.reachable().isPresent() && !p.reachable().get()) {
        why.add(name + (p.probe().orElseThrow().outcome() == PeerOutcome.REFUSED ? " refuses this node" : " unreachable"));
      } else if (p.head().isEmpty()) {
        why.add(p.reachable().isPresent() ? name + " has no commit yet" : "nothing heard from " + name + " yet");
      } else if (p.hasUnknownCommits()) {
        why.add(name + " has commits this node has not received");
      } else if (p.divergence().isPresent() && !p.divergence().get().inSync()) {
        Divergence d = p.divergence().get();
        if (d.behind() == 0) {
          why.add(name + " is " + commits(d.ahead()) + " behind");
        } else if (d.ahead() == 0) {
          why.add(name + " is " + commits(d.behind()) + " ahead");
        } else {
          why.add(name + " and this node have diverged (" + d.ahead() + " and " + d.behind() + " commits)");
        }
      } else if (!p.head().equals(r.head())) {
        why.add(name + " is at another head");
      }
    }
    return "not in sync: " + String.join("; ", why);
  }

  private static String commits(int n) {
    return n + (n == 1 ? " commit" : " commits");
  }

  private static String state(PeerStatus p) {
    if (p.probe().isEmpty()) {
      return "not asked";
    }
    return switch (p.probe().get().outcome()) {
      case UP_TO_DATE -> "answers";
      case UNREACHABLE -> "unreachable";
      case REFUSED -> "refuses";
      default -> "failed";
    };
  }

  /** This node against the peer, as the column "THIS NODE IS" reads. */
  private static String relation(PeerStatus p) {
    if (p.hasUnknownCommits()) {
      return "behind (not fetched)";
    }
    return p.divergence().map(d -> d.inSync() ? "in sync"
        : d.behind() == 0 ? d.ahead() + " ahead"
        : d.ahead() == 0 ? d.behind() + " behind"
        : d.ahead() + " ahead, " + d.behind() + " behind").orElse("-");
  }

  private static String daemon(Optional<StatusReport.Daemon> daemon, Instant now) {
    if (daemon.isEmpty()) {
      return "not running (never ran here): changes sync on 'gtfc push'; start 'gtfc watch'";
    }
    DaemonState s = daemon.get().state();
    if (daemon.get().alive() && s.running()) {
      return "running ('gtfc " + s.mode() + "', pid " + s.pid() + ", for " + Render.duration(Duration.between(s.started(), now))
          + "); last: " + s.lastAction();
    }
    if (daemon.get().vanished()) {
      return "not running: 'gtfc " + s.mode() + "' (pid " + s.pid() + ") is gone, crashed or killed; last: " + s.lastAction();
    }
    return "not running; last: " + s.lastAction();
  }

  private static String ago(Instant then, Instant now) {
    Duration d = Duration.between(then, now);
    return d.isNegative() ? then.toString() : Render.duration(d) + " ago";
  }

  static String json(StatusReport r, Instant now) {
    StringJoiner peers = new StringJoiner(",", "[", "]");
    for (PeerStatus p : r.peers()) {
      peers.add("{\"name\":" + Json.string(p.member().id().value())
          + ",\"endpoint\":" + Json.string(p.member().endpoint().toString())
          + ",\"role\":" + Json.string(p.member().role().label())
          + ",\"reachable\":" + p.reachable().map(String::valueOf).orElse("null")
          + ",\"reason\":" + p.probe().filter(x -> !x.reached()).map(x -> Json.string(x.detail())).orElse("null")
          + ",\"head\":" + p.head().map(h -> Json.string(h.id())).orElse("null")
          + ",\"lastKnownHead\":" + p.lastKnownHead().map(h -> Json.string(h.id())).orElse("null")
          + ",\"ahead\":" + p.divergence().map(d -> Integer.toString(d.ahead())).orElse("null")
          + ",\"behind\":" + p.divergence().map(d -> Integer.toString(d.behind())).orElse("null")
          + ",\"unknownCommits\":" + p.hasUnknownCommits()
          + ",\"lastSync\":" + p.lastSync().map(t -> Json.string(t.toString())).orElse("null") + "}");
    }
    StringJoiner pending = new StringJoiner(",", "[", "]");
    r.pending().forEach(p -> pending.add(Json.string(p.value())));
    String daemon = r.daemon().map(d -> "{\"mode\":" + Json.string(d.state().mode())
        + ",\"pid\":" + d.state().pid()
        + ",\"running\":" + (d.alive() && d.state().running())
        + ",\"started\":" + Json.string(d.state().started().toString())
        + ",\"lastAction\":" + Json.string(d.state().lastAction())
        + ",\"updated\":" + Json.string(d.state().updated().toString()) + "}").orElse("null");
    return "{\"folder\":" + Json.string(r.folder().toString())
        + ",\"node\":" + Json.string(r.self().id().value())
        + ",\"role\":" + Json.string(r.self().role().label())
        + ",\"endpoint\":" + Json.string(r.self().endpoint().toString())
        + ",\"head\":" + r.head().map(h -> Json.string(h.id())).orElse("null")
        + ",\"pending\":" + pending
        + ",\"pendingScanned\":" + r.pendingScanned()
        + ",\"daemon\":" + daemon
        + ",\"contacted\":" + r.contacted()
        + ",\"peers\":" + peers
        + ",\"inSync\":" + r.inSync()
        + ",\"verdict\":" + Json.string(verdict(r))
        + ",\"time\":" + Json.string(now.toString()) + "}";
  }
}
