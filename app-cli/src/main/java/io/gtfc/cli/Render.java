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

  /** A duration as a person reads it: 12 s, 5 min, 3 h, 2 d. */
  static String duration(java.time.Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + " s";
    }
    if (s < 7_200) {
      return s / 60 + " min";
    }
    if (s < 172_800) {
      return s / 3_600 + " h";
    }
    return s / 86_400 + " d";
  }

  static String outcome(Integration.Outcome outcome) {
    return switch (outcome) {
      case UP_TO_DATE -> "up to date";
      case FAST_FORWARD -> "fast-forward";
      case MERGED -> "merged";
      case DEFERRED -> "deferred: files kept changing under the merge";
      case REFUSED -> "refused";
      case HELD -> "held: the deletion guard keeps this folder as it is";
    };
  }
}
