package io.gtfc.ports.simulation;

import io.gtfc.domain.ConflictCopies;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.usecases.IntegrateChanges;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A seeded simulation of a gtfc cluster over any {@link StoreWorld}: nodes edit, delete, rename
 * and move files, commit, and tell their peers; deliveries are delayed, reordered and dropped
 * by partitions; nodes crash and restart. After the last heal every node catches up, and then
 * {@link #run()} checks the two promises of gtfc: every node has the same head and the same
 * files, and no committed version was lost (it is in the final tree, at its path or as a
 * conflict copy, unless a later edit by a node that had seen it replaced it).
 */
public final class ClusterSimulation {
  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final List<String> PATHS = List.of(
      "f0.txt", "f1.txt", "notes/a.txt", "notes/b.txt", "notes/deep/c.txt", "img/p.bin", "x", "x/inner.txt");

  private final long seed;
  private final Random random;
  private final StoreWorld world;
  private final int steps;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Delivery> inFlight = new ArrayList<>();
  private final Set<String> cutLinks = new HashSet<>();
  private final List<Revision> committed = new ArrayList<>();
  private final MutableClock clock = new MutableClock();
  private final IntegrateChanges.OwnEdits ownEdits;
  private int step;

  public ClusterSimulation(long seed, StoreWorld world, int nodeCount, int steps) {
    this(seed, world, nodeCount, steps, IntegrateChanges.OwnEdits.COMMIT_FIRST);
  }

  /** With {@code COMMIT_WHEN_IN_THE_WAY}, a receiver's own edits are committed only when they block an integration, as in a watched folder. */
  public ClusterSimulation(long seed, StoreWorld world, int nodeCount, int steps, IntegrateChanges.OwnEdits ownEdits) {
    this.ownEdits = ownEdits;
    this.seed = seed;
    this.random = new Random(seed);
    this.world = world;
    this.steps = steps;
    for (int i = 0; i < nodeCount; i++) {
      nodes.add(new Node("n" + i));
    }
  }

  /** What a finished run found; the simulation asserts on it itself, this is for the test to print. */
  public record Outcome(int commits, int conflictCopies, int rounds, Revision head) {}

  public Outcome run() {
    try {
      setUp();
      for (step = 1; step <= steps; step++) {
        clock.advance(1 + random.nextInt(3000));
        act();
      }
      int rounds = settle();
      return check(rounds);
    } catch (AssertionError | RuntimeException e) {
      AssertionError failure = new AssertionError("simulation with seed " + seed + " (" + nodes.size()
          + " nodes, " + steps + " steps) failed at step " + step + ": " + e.getMessage(), e);
      throw failure;
    } finally {
      nodes.forEach(n -> n.store.close());
    }
  }

  private void setUp() {
    Node first = nodes.get(0);
    first.store = world.stores().create(first.folder);
    world.write(first.folder, RelativePath.of("f0.txt"), bytes("initial"));
    record(first.store.commitPending(CommitSpec.of(first.id, clock.instant(), "initial")));
    for (Node n : nodes.subList(1, nodes.size())) {
      n.store = world.stores().create(n.folder);
      world.deliver(first.store, first.id, n.store);
      n.integrator().integrate(first.id);
    }
  }

  private void act() {
    int dice = random.nextInt(100);
    Node n = nodes.get(random.nextInt(nodes.size()));
    if (dice < 30) {
      if (n.up) {
        edit(n);
      }
    } else if (dice < 38) {
      if (n.up) {
        deleteOrRename(n);
      }
    } else if (dice < 55) {
      if (n.up) {
        commitAndTell(n);
      }
    } else if (dice < 85) {
      deliverSome();
    } else if (dice < 92) {
      Node other = nodes.get(random.nextInt(nodes.size()));
      if (other != n) {
        String link = link(n, other);
        if (!cutLinks.remove(link)) {
          cutLinks.add(link);
        }
      }
    } else if (n.up && nodes.stream().filter(x -> x.up).count() > 1) {
      n.up = false;
    } else if (!n.up) {
      n.up = true;
      restart(n);
    }
  }

  private void edit(Node n) {
    RelativePath path = RelativePath.of(PATHS.get(random.nextInt(PATHS.size())));
    if (blocked(n, path)) {
      return;
    }
    byte[] content = path.value().endsWith(".bin")
        ? new byte[] {0, (byte) step, (byte) n.index, 0, 7}
        : bytes("v-" + n.id + "-" + step);
    world.write(n.folder, path, content);
  }

  /** A user cannot create a file where a directory is, or under a file. */
  private boolean blocked(Node n, RelativePath path) {
    for (RelativePath existing : existing(n)) {
      if (existing.startsWith(path) && !existing.equals(path)) {
        return true;
      }
      if (path.startsWith(existing) && !existing.equals(path)) {
        return true;
      }
    }
    return false;
  }

  private void deleteOrRename(Node n) {
    List<RelativePath> files = new ArrayList<>(existing(n));
    files.removeIf(f -> !PATHS.contains(f.value()));
    if (files.isEmpty()) {
      return;
    }
    RelativePath victim = files.get(random.nextInt(files.size()));
    Optional<byte[]> content = world.read(n.folder, victim);
    world.delete(n.folder, victim);
    if (random.nextBoolean() && content.isPresent()) {
      RelativePath target = RelativePath.of("moved/" + victim.value().replace('/', '_'));
      if (!blocked(n, target)) {
        world.write(n.folder, target, content.get());
      }
    }
  }

  /** The files now in a node's working tree. */
  private Set<RelativePath> existing(Node n) {
    Set<RelativePath> files = new TreeSet<>();
    n.store.head().ifPresent(h -> files.addAll(n.store.filesAt(h)));
    files.addAll(n.store.pendingChanges());
    files.addAll(PATHS.stream().map(RelativePath::of).toList());
    files.removeIf(p -> world.read(n.folder, p).isEmpty());
    return files;
  }

  private void commitAndTell(Node n) {
    if (record(n.store.commitPending(CommitSpec.of(n.id, clock.instant(), "edit by " + n.id))).isPresent()) {
      tellPeers(n);
    }
  }

  private void tellPeers(Node from) {
    for (Node to : nodes) {
      if (to != from) {
        inFlight.add(new Delivery(from, to, step + random.nextInt(8)));
      }
    }
  }

  private void deliverSome() {
    List<Delivery> due = new ArrayList<>();
    for (Delivery d : inFlight) {
      if (d.dueStep <= step) {
        due.add(d);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    Delivery d = due.get(random.nextInt(due.size()));
    inFlight.remove(d);
    if (!d.from.up || !d.to.up || cutLinks.contains(link(d.from, d.to))) {
      return;
    }
    receive(d.from, d.to);
  }

  private void receive(Node from, Node to) {
    world.deliver(from.store, from.id, to.store);
    if (ownEdits == IntegrateChanges.OwnEdits.COMMIT_FIRST) {
      // commit the receiver's own edits here, as the use case would, so that they are recorded too
      record(to.store.commitPending(CommitSpec.of(to.id, clock.instant(), "edits of " + to.id)));
    }
    Optional<Revision> before = to.store.head();
    to.integrator().integrate(from.id);
    if (ownEdits != IntegrateChanges.OwnEdits.COMMIT_FIRST) {
      // the edits the use case committed because they were in the way are checked like any other
      for (HistoryEntry e : to.store.history(Optional.empty(), 10)) {
        if (e.author().equals(to.id.value()) && e.message().startsWith("gtfc: local changes on")
            && !committed.contains(e.revision())) {
          committed.add(e.revision());
        }
      }
    }
    if (!before.equals(to.store.head())) {
      tellPeers(to);
    }
  }

  private void restart(Node n) {
    commitAndTell(n);
    for (Node peer : nodes) {
      if (peer != n && peer.up && !cutLinks.contains(link(n, peer))) {
        receive(peer, n);
      }
    }
  }

  /** Heals everything and lets every node catch up with every other until the cluster is quiet. */
  private int settle() {
    cutLinks.clear();
    inFlight.clear();
    for (Node n : nodes) {
      if (!n.up) {
        n.up = true;
      }
      record(n.store.commitPending(CommitSpec.of(n.id, clock.instant(), "last edits of " + n.id)));
    }
    for (int round = 1; round <= 30; round++) {
      for (Node from : nodes) {
        for (Node to : nodes) {
          if (from != to) {
            clock.advance(1);
            receive(from, to);
          }
        }
      }
      if (nodes.stream().map(x -> x.store.head()).distinct().count() == 1) {
        return round;
      }
    }
    throw new AssertionError("the cluster did not converge in 30 rounds: heads "
        + nodes.stream().map(x -> x.id + "=" + x.store.head().map(Revision::abbreviated).orElse("-")).toList());
  }

  private Outcome check(int rounds) {
    Node any = nodes.get(0);
    Revision head = any.store.head().orElseThrow();
    List<RelativePath> files = any.store.filesAt(head);
    for (Node n : nodes) {
      if (!n.store.pendingChanges().isEmpty()) {
        throw new AssertionError(n.id + " has pending changes after settling: " + n.store.pendingChanges());
      }
      for (RelativePath f : files) {
        byte[] expected = any.store.readAt(f, head).orElseThrow();
        byte[] actual = world.read(n.folder, f).orElse(null);
        if (!Arrays.equals(expected, actual)) {
          throw new AssertionError(n.id + "'s working tree differs at " + f);
        }
      }
    }
    Map<Revision, HistoryEntry> history = new HashMap<>();
    any.store.history(Optional.empty(), Integer.MAX_VALUE).forEach(e -> history.put(e.revision(), e));
    Set<String> finalContents = new HashSet<>();
    Map<String, List<RelativePath>> whereContent = new HashMap<>();
    for (RelativePath f : files) {
      String c = new String(any.store.readAt(f, head).orElseThrow(), StandardCharsets.ISO_8859_1);
      finalContents.add(c);
      whereContent.computeIfAbsent(c, k -> new ArrayList<>()).add(f);
    }
    int conflictCopies = (int) files.stream().filter(f -> ConflictCopies.origin(f).isPresent()).count();
    // every version (path, content) any node committed, with the commits that recorded it
    Map<RelativePath, Map<String, List<Revision>>> versions = new HashMap<>();
    for (Revision x : committed) {
      HistoryEntry entry = history.get(x);
      if (entry == null) {
        throw new AssertionError("commit " + x.abbreviated() + " is not in the final history");
      }
      for (RelativePath p : entry.paths()) {
        any.store.readAt(p, x).ifPresent(v -> versions.computeIfAbsent(p, k -> new HashMap<>())
            .computeIfAbsent(new String(v, StandardCharsets.ISO_8859_1), k -> new ArrayList<>()).add(x));
      }
    }
    for (Map.Entry<RelativePath, Map<String, List<Revision>>> byPath : versions.entrySet()) {
      RelativePath p = byPath.getKey();
      RelativePath moved = RelativePath.of("moved/" + p.value().replace('/', '_'));
      for (Map.Entry<String, List<Revision>> version : byPath.getValue().entrySet()) {
        String c = version.getKey();
        boolean kept = whereContent.getOrDefault(c, List.of()).stream()
            .map(ClusterSimulation::originalOf)
            .anyMatch(f -> f.equals(p) || f.equals(moved));
        boolean replaced = version.getValue().stream().anyMatch(x -> replacedLater(any.store, history, x, p));
        if (!kept && !replaced) {
          Revision x = version.getValue().get(0);
          throw new AssertionError("the version of " + p + " committed in " + x.abbreviated() + " by "
              + history.get(x).author() + " was lost: it is neither in the final tree nor replaced by a later edit"
              + explain(any.store, head, p, c));
        }
      }
    }
    return new Outcome(committed.size(), conflictCopies, rounds, head);
  }

  /** The path a file holds a version of: itself, or for a conflict copy (of a copy...) the original. */
  private static RelativePath originalOf(RelativePath file) {
    RelativePath p = file;
    for (Optional<ConflictCopies.Origin> o = ConflictCopies.origin(p); o.isPresent(); o = ConflictCopies.origin(p)) {
      p = o.get().original();
    }
    return p;
  }

  /** The history of one path, for the failure message. */
  private static String explain(VersionStore store, Revision head, RelativePath p, String lost) {
    StringBuilder out = new StringBuilder("\n  lost content: " + lost + "\n  history of " + p + ":");
    for (HistoryEntry e : store.history(Optional.of(p), 50)) {
      out.append("\n    ").append(e.revision().abbreviated()).append(' ').append(e.author()).append(' ')
          .append(e.message()).append(" -> ")
          .append(store.readAt(p, e.revision()).map(b -> new String(b, StandardCharsets.ISO_8859_1)).orElse("(absent)"))
          .append(" paths=").append(e.paths());
    }
    out.append("\n  final files: ").append(store.filesAt(head));
    return out.toString();
  }

  /** Whether a later non-merge commit, made by a node that had seen {@code x}, changed {@code p}. */
  private static boolean replacedLater(VersionStore store, Map<Revision, HistoryEntry> history, Revision x,
      RelativePath p) {
    for (HistoryEntry y : history.values()) {
      if (y.revision().equals(x) || y.message().equals("gtfc: merge") || !y.paths().contains(p)) {
        continue;
      }
      if (store.compare(y.revision(), x).ahead() >= 1 && store.compare(x, y.revision()).ahead() == 0) {
        return true;
      }
    }
    return false;
  }

  private Optional<Revision> record(Optional<Revision> revision) {
    revision.ifPresent(committed::add);
    return revision;
  }

  private static String link(Node a, Node b) {
    return a.index < b.index ? a.id + "-" + b.id : b.id + "-" + a.id;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private final class Node {
    final NodeId id;
    final int index;
    final FolderLayout folder;
    VersionStore store;
    boolean up = true;

    Node(String name) {
      this.id = NodeId.of(name);
      this.index = Integer.parseInt(name.substring(1));
      this.folder = world.folder(name);
    }

    IntegrateChanges integrator() {
      return new IntegrateChanges(store, id, clock, FakeFolderProbe.alwaysFine(), SyncHooks.NONE, Runnable::run,
          ownEdits);
    }
  }

  private record Delivery(Node from, Node to, int dueStep) {}

  /** Simulated time: moves only when the simulation says so. */
  private static final class MutableClock extends Clock {
    private Instant now = T0;

    void advance(long millis) {
      now = now.plusMillis(millis);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
