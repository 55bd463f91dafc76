package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks what a node needs to sync and explains each problem in one line with what to do: the
 * keys, the folder's history, free disk, the watcher's operating-system limit, the daemon, each
 * peer's reachability and whether it accepts this node, and the clocks as far as commit times
 * show them.
 */
public final class DiagnoseNode {
  static final long LOW_DISK = 1L << 30;
  static final long NO_DISK = 100L << 20;
  /** Commits dated this far in this node's future betray a clock that is off. */
  static final Duration SKEW_TOLERANCE = Duration.ofMinutes(1);

  private final VersionStores stores;
  private final NodeKeys keys;
  private final PeerTransport transport;
  private final FolderProbe probe;
  private final SyncJournal journal;
  private final Processes processes;
  private final Clock clock;

  public DiagnoseNode(VersionStores stores, NodeKeys keys, PeerTransport transport, FolderProbe probe,
      SyncJournal journal, Processes processes, Clock clock) {
    this.stores = stores;
    this.keys = keys;
    this.transport = transport;
    this.probe = probe;
    this.journal = journal;
    this.processes = processes;
    this.clock = clock;
  }

  /** What the checks found, and the daemon's record (for checks only the command line can make). */
  public record Diagnosis(List<Finding> findings, Optional<StatusReport.Daemon> daemon) {
    public boolean failed() {
      return findings.stream().anyMatch(f -> f.level() == Finding.Level.FAIL);
    }
  }

  /** Runs every check on {@code folder}; {@code watcher} is the one the daemon would use. */
  public Diagnosis diagnose(Path folder, FolderWatcher watcher) {
    List<Finding> findings = new ArrayList<>();
    List<String> keyProblems = keys.problems();
    if (keyProblems.isEmpty()) {
      findings.add(Finding.ok("keys", "identity and host keys present, readable only by their owner"));
    } else {
      keyProblems.forEach(p -> findings.add(Finding.fail("keys", p)));
    }
    VersionStore store;
    try {
      store = stores.open(FolderLayout.of(folder));
    } catch (GtfcException e) {
      findings.add(Finding.fail("folder", e.getMessage()));
      return new Diagnosis(findings, Optional.empty());
    }
    try (store) {
      history(store, findings);
      disk(store, findings);
      watcher.capacity(store.layout().folder()).ifPresent(c -> findings.add(capacity(c)));
      Optional<StatusReport.Daemon> daemon = journal.daemon(store.layout())
          .map(s -> new StatusReport.Daemon(s, processes.alive(s.pid(), s.updated())));
      findings.add(daemon(daemon, store.layout().folder()));
      if (keyProblems.isEmpty()) {
        cluster(folder, findings);
      } else {
        findings.add(Finding.warn("peers", "not checked: this node cannot sign in to its peers until its keys are fixed"));
      }
      return new Diagnosis(findings, daemon);
    }
  }

  /** What needs this node's identity: its place in the member list, its peers, their clocks. */
  private void cluster(Path folder, List<Finding> findings) {
    NodeContext node;
    try {
      node = NodeContext.open(stores, keys, folder);
    } catch (GtfcException e) {
      findings.add(Finding.fail("node", e.getMessage()));
      return;
    }
    try (node) {
      List<Member> peers = node.membership.peersOf(node.self.id());
      findings.add(Finding.ok("node", "'" + node.self.id() + "' (" + node.self.role().label() + ") in cluster "
          + node.membership.cluster() + " with " + peers.size() + " peer" + (peers.size() == 1 ? "" : "s")
          + ", reachable at " + node.self.endpoint()));
      Map<NodeId, PeerProbe> probes = PeerProbes.all(transport, peers, PeerProbes.TIMEOUT);
      for (Member peer : peers) {
        findings.add(peer(peer, probes.get(peer.id()), node.store));
      }
      findings.add(clocks(node.store, probes));
    }
  }

  private static void history(VersionStore store, List<Finding> findings) {
    List<String> problems = store.verify();
    if (problems.isEmpty()) {
      findings.add(Finding.ok("history", "the repository at " + store.layout().gitDir() + " is sound"
          + store.head().map(h -> " (head " + h.abbreviated() + ")").orElse(" (no commit yet)")));
      return;
    }
    problems.stream().limit(5).forEach(p -> findings.add(Finding.fail("history", p)));
    findings.add(Finding.fail("history", problems.size() + " problem(s) in " + store.layout().gitDir()
        + ": the files themselves are intact; move the folder's git directory aside and copy the history"
        + " back from a peer (join again into a new folder), or ask for help with the lines above"));
  }

  private void disk(VersionStore store, List<Finding> findings) {
    OptionalLong free = probe.usableSpace(store.layout());
    if (free.isEmpty()) {
      return;
    }
    long bytes = free.getAsLong();
    String what = bytes(bytes) + " free where " + store.layout().folder() + " lives";
    if (bytes < NO_DISK) {
      findings.add(Finding.fail("disk", what + ": commits and merges will fail; free some space"));
    } else if (bytes < LOW_DISK) {
      findings.add(Finding.warn("disk", what + ": history only grows; free some space soon"));
    } else {
      findings.add(Finding.ok("disk", what));
    }
  }

  static Finding capacity(FolderWatcher.Capacity c) {
    String what = "the folder needs " + c.needed() + " of " + c.limit() + "=" + c.allowed();
    if (!c.enough()) {
      return Finding.fail("watcher", what + ": the daemon cannot watch it; raise it: " + c.raise());
    }
    if (c.needed() * 2 > c.allowed()) {
      return Finding.warn("watcher", what + ", and other programs use it too: raise it to be safe: " + c.raise());
    }
    return Finding.ok("watcher", what);
  }

  private static Finding daemon(Optional<StatusReport.Daemon> daemon, Path folder) {
    String start = "start it with 'gtfc watch " + folder + "' or as a service ('gtfc service --help')";
    if (daemon.isEmpty()) {
      return Finding.warn("daemon", "no daemon has run for this folder: changes sync only when you run"
          + " 'gtfc push'; " + start);
    }
    var state = daemon.get().state();
    if (daemon.get().alive() && state.running()) {
      return Finding.ok("daemon", "'gtfc " + state.mode() + "' runs (pid " + state.pid() + ")"
          + state.address().map(a -> " on " + a).orElse("") + "; last: " + state.lastAction());
    }
    if (daemon.get().vanished()) {
      return Finding.warn("daemon", "'gtfc " + state.mode() + "' (pid " + state.pid() + ") is gone without"
          + " stopping cleanly (crashed or killed) after: " + state.lastAction() + "; " + start
          + " (with GTFC_LOG=info to see why it stops)");
    }
    return Finding.warn("daemon", "no daemon runs for this folder (the last one: " + state.lastAction()
        + "): changes sync only when you run 'gtfc push'; " + start);
  }

  private static Finding peer(Member peer, PeerProbe probe, VersionStore store) {
    String who = "peer " + peer.id() + " at " + peer.endpoint();
    if (probe.reached()) {
      String head = probe.head().map(h -> "head " + h.abbreviated()
          + (store.head().equals(probe.head()) ? ", same as here" : store.contains(h) ? "" : ", with commits not here yet"))
          .orElse("no commit yet");
      return Finding.ok("peers", who + " answers and accepts this node (" + head + ")");
    }
    if (probe.outcome() == PeerOutcome.UNREACHABLE) {
      return Finding.fail("peers", who + " does not answer: " + probe.detail() + "; is gtfc running there"
          + " ('gtfc doctor' on " + peer.id() + "), and is port " + peer.endpoint().port()
          + "/tcp open between the hosts?");
    }
    if (probe.outcome() == PeerOutcome.REFUSED) {
      return Finding.fail("peers", who + " refuses this node: " + probe.detail());
    }
    return Finding.fail("peers", who + ": " + probe.detail());
  }

  /**
   * The sync protocol carries no clock reading, so this looks at what it does carry: the time each
   * node wrote into its commits. A commit dated in this node's future shows a clock ahead of this
   * one (or this one behind); a clock that runs behind the others leaves no such trace.
   */
  private Finding clocks(VersionStore store, Map<NodeId, PeerProbe> probes) {
    Instant now = clock.instant();
    Map<Revision, String> heads = new LinkedHashMap<>();
    store.head().ifPresent(h -> heads.put(h, "this node's head"));
    store.inbox().forEach((peer, h) -> heads.putIfAbsent(h, peer + "'s last head"));
    probes.values().forEach(p -> p.head().ifPresent(h -> heads.putIfAbsent(h, p.peer() + "'s head")));
    Optional<HistoryEntry> ahead = Optional.empty();
    for (Revision head : heads.keySet()) {
      if (!store.contains(head)) {
        continue;
      }
      HistoryEntry e = store.describe(head);
      if (e.when().isAfter(now.plus(SKEW_TOLERANCE)) && (ahead.isEmpty() || e.when().isAfter(ahead.get().when()))) {
        ahead = Optional.of(e);
      }
    }
    if (ahead.isPresent()) {
      Duration skew = Duration.between(now, ahead.get().when());
      return Finding.warn("clock", "commit " + ahead.get().revision().abbreviated() + " by " + ahead.get().author()
          + " is dated " + duration(skew) + " after this node's clock: one of the two clocks is off;"
          + " keep every node's clock synced (NTP: 'timedatectl set-ntp true')");
    }
    return Finding.ok("clock", "no commit is dated in this node's future (commit times can only show a clock"
        + " that runs ahead of this one: check NTP on every node)");
  }

  static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
    return (n >> 20) + " MiB";
  }

  static String duration(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + " s";
    }
    if (s < 7200) {
      return s / 60 + " min";
    }
    return s / 3600 + " h";
  }
}
