package io.gtfc.cli;

import io.gtfc.ports.Integration;
import io.gtfc.ports.PeerResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Text shared by several commands' output. */
final class Render {
  private Render() {}

  static void peers(PrintWriter out, List<PeerResult> results) {
    if (results.isEmpty()) {
      out.println("no peers yet: invite one with 'gtfc invite'");
    }
    for (PeerResult r : results) {
      out.printf("%-12s %s%s%n", r.peer(), r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          r.detail().isEmpty() ? "" : ": " + r.detail());
    }
  }

  static String outcome(Integration.Outcome outcome) {
    return switch (outcome) {
      case UP_TO_DATE -> "up to date";
      case FAST_FORWARD -> "fast-forward";
      case MERGED -> "merged";
      case DEFERRED -> "deferred: files kept changing under the merge";
      case REFUSED -> "refused";
    };
  }
}
