package io.gtfc.usecases;

import io.gtfc.domain.Revision;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Revisions as people type them: a unique prefix of a commit id of the working branch. */
final class Revisions {
  private static final int SEARCH_DEPTH = 100_000;

  private Revisions() {}

  static Revision resolve(VersionStore store, String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    if (!p.matches("[0-9a-f]{4,40}")) {
      throw new GtfcException(Problem.BAD_INPUT, "'" + prefix + "' is neither a revision (4 to 40 hex digits)"
          + " nor a time like 2026-11-25T12:00:00Z");
    }
    List<Revision> matches = store.history(Optional.empty(), SEARCH_DEPTH).stream()
        .map(HistoryEntry::revision).filter(r -> r.id().startsWith(p)).toList();
    if (matches.size() != 1) {
      throw new GtfcException(Problem.BAD_INPUT, matches.isEmpty()
          ? "no commit of this folder starts with '" + prefix + "': see 'gtfc log'"
          : "'" + prefix + "' names " + matches.size() + " commits: give more digits");
    }
    return matches.get(0);
  }

  /** Every commit of the working branch, newest first. */
  static List<HistoryEntry> all(VersionStore store) {
    return store.history(Optional.empty(), SEARCH_DEPTH);
  }
}
