package io.gtfc.ports.fakes;

import static io.gtfc.ports.fakes.InMemoryHistory.same;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.Integration;
import io.gtfc.ports.Integration.Outcome;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.InMemoryHistory.Commit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake {@link VersionStore}: commits are immutable snapshots of the whole folder, the working
 * tree is a map. It keeps the port's contract, with one simplification a real store does not
 * make: merges are decided per path (the side that changed a path wins; both changing it
 * differently is a conflict), never per line.
 */
@SuppressWarnings("try") // a try block holds the folder lock without naming it
public final class InMemoryVersionStore implements VersionStore {
  private final InMemoryVersionStores disk;
  private final FolderLayout layout;
  private final InMemoryHistory history;

  InMemoryVersionStore(InMemoryVersionStores disk, FolderLayout layout, InMemoryHistory history) {
    this.disk = disk;
    this.layout = layout;
    this.history = history;
  }

  @Override
  public FolderLayout layout() {
    return layout;
  }

  @Override
  public Optional<Revision> head() {
    synchronized (disk) {
      return Optional.ofNullable(history.main).map(Revision::of);
    }
  }

  @Override
  public List<RelativePath> pendingChanges() {
    synchronized (disk) {
      return differences(history.filesAt(history.main), disk.workingTree(layout));
    }
  }

  @Override
  public Optional<Revision> commitPending(CommitSpec spec) {
    try (FolderLock held = lock()) {
      synchronized (disk) {
        SortedMap<RelativePath, byte[]> tree = disk.workingTree(layout);
        if (differences(history.filesAt(history.main), tree).isEmpty()) {
          return Optional.empty();
        }
        List<String> parents = history.main == null ? List.of() : List.of(history.main);
        Commit commit = history.record(tree, parents, spec.author(), spec.when(), spec.message());
        history.main = commit.id();
        return Optional.of(Revision.of(commit.id()));
      }
    }
  }

  @Override
  public Optional<byte[]> readAtHead(RelativePath path) {
    synchronized (disk) {
      return Optional.ofNullable(history.filesAt(history.main).get(path)).map(byte[]::clone);
    }
  }

  @Override
  public void writeFile(RelativePath path, byte[] content) {
    refuseGitFile(path);
    try (FolderLock held = lock()) {
      disk.writeInWorkingTree(layout, path, content);
    }
  }

  /** Deletes a file from the working tree, as a user would. */
  public void delete(RelativePath path) {
    disk.deleteInWorkingTree(layout, path);
  }

  @Override
  public Map<NodeId, Revision> inbox() {
    synchronized (disk) {
      Map<NodeId, Revision> inbox = new LinkedHashMap<>();
      history.inbox.forEach((sender, id) -> inbox.put(sender, Revision.of(id)));
      return inbox;
    }
  }

  /**
   * What a transport does: copies every commit reachable from {@code from}'s working branch into
   * this store and points {@code sender}'s inbox at it. Nothing happens while {@code from} has no
   * commit.
   */
  public void receive(NodeId sender, InMemoryVersionStore from) {
    String head;
    List<Commit> commits = new ArrayList<>();
    synchronized (from.disk) {
      head = from.history.main;
      from.history.ancestry(head).forEach(id -> commits.add(from.history.commit(id)));
    }
    if (head == null) {
      return;
    }
    synchronized (disk) {
      commits.forEach(commit -> history.commits.putIfAbsent(commit.id(), commit));
      history.inbox.put(sender, head);
    }
  }

  @Override
  public Integration integrate(NodeId sender, CommitSpec mergeSpec) {
    try (FolderLock held = lock()) {
      synchronized (disk) {
        String theirs = history.inbox.get(sender);
        String ours = history.main;
        if (theirs == null || ours != null && history.isAncestor(theirs, ours)) {
          return outcome(sender, Outcome.UP_TO_DATE, List.of());
        }
        if (ours == null || history.isAncestor(ours, theirs)) {
          return moveTo(sender, Outcome.FAST_FORWARD, theirs);
        }
        return merge(ours, theirs, mergeSpec)
            .map(merged -> moveTo(sender, Outcome.MERGED, merged))
            .orElseGet(() -> outcome(sender, Outcome.CONFLICT, List.of()));
      }
    }
  }

  /** The merge commit of both sides, or empty when a path changed differently on each. */
  private Optional<String> merge(String ours, String theirs, CommitSpec spec) {
    SortedMap<RelativePath, byte[]> base = history.filesAt(history.mergeBase(ours, theirs));
    SortedMap<RelativePath, byte[]> mine = history.filesAt(ours);
    SortedMap<RelativePath, byte[]> their = history.filesAt(theirs);
    Set<RelativePath> paths = new TreeSet<>(mine.keySet());
    paths.addAll(their.keySet());
    Map<RelativePath, byte[]> merged = new TreeMap<>();
    for (RelativePath path : paths) {
      byte[] b = base.get(path);
      byte[] o = mine.get(path);
      byte[] t = their.get(path);
      byte[] result;
      if (same(o, t) || same(t, b)) {
        result = o;
      } else if (same(o, b)) {
        result = t;
      } else {
        return Optional.empty();
      }
      if (result != null) {
        merged.put(path, result);
      }
    }
    return Optional.of(
        history.record(merged, List.of(ours, theirs), spec.author(), spec.when(), spec.message()).id());
  }

  /** Moves the branch and the working tree to {@code target}, unless that would overwrite an edit. */
  private Integration moveTo(NodeId sender, Outcome outcome, String target) {
    SortedMap<RelativePath, byte[]> before = history.filesAt(history.main);
    SortedMap<RelativePath, byte[]> after = history.filesAt(target);
    SortedMap<RelativePath, byte[]> tree = disk.workingTree(layout);
    List<RelativePath> changed = differences(before, after);
    for (RelativePath path : changed) {
      byte[] current = tree.get(path);
      if (!same(current, before.get(path)) && !same(current, after.get(path))) {
        return outcome(sender, Outcome.CONFLICT, List.of());
      }
    }
    for (RelativePath path : changed) {
      byte[] content = after.get(path);
      if (content == null) {
        tree.remove(path);
      } else {
        tree.put(path, content.clone());
      }
    }
    history.main = target;
    return outcome(sender, outcome, changed);
  }

  private Integration outcome(NodeId sender, Outcome outcome, List<RelativePath> changed) {
    return Integration.builder()
        .sender(sender)
        .outcome(outcome)
        .head(Optional.ofNullable(history.main).map(Revision::of))
        .changedPaths(changed)
        .build();
  }

  @Override
  public Divergence compare(Revision ours, Revision theirs) {
    synchronized (disk) {
      Set<String> mine = history.ancestry(history.commit(ours.id()).id());
      Set<String> their = history.ancestry(history.commit(theirs.id()).id());
      int ahead = (int) mine.stream().filter(id -> !their.contains(id)).count();
      int behind = (int) their.stream().filter(id -> !mine.contains(id)).count();
      return Divergence.of(ahead, behind);
    }
  }

  @Override
  public boolean contains(Revision revision) {
    synchronized (disk) {
      return history.commits.containsKey(revision.id());
    }
  }

  /**
   * Newest first. With a path, a commit counts when the files at or below it differ from every
   * parent's, as git's default history simplification does for linear and simple merge histories.
   */
  @Override
  public List<HistoryEntry> history(Optional<RelativePath> path, int limit) {
    synchronized (disk) {
      return history.ancestry(history.main).stream()
          .map(history::commit)
          .filter(commit -> path.map(p -> touches(commit, p)).orElse(true))
          .sorted(Comparator.comparing(Commit::when).reversed().thenComparing(Commit::id))
          .limit(Math.max(0, limit))
          .map(commit -> (HistoryEntry) HistoryEntry.builder()
              .revision(Revision.of(commit.id()))
              .author(commit.author().value())
              .when(commit.when())
              .message(commit.message())
              .build())
          .toList();
    }
  }

  private boolean touches(Commit commit, RelativePath path) {
    SortedMap<RelativePath, byte[]> mine = below(commit.files(), path);
    if (commit.parents().isEmpty()) {
      return !mine.isEmpty();
    }
    return commit.parents().stream()
        .allMatch(parent -> !differences(below(history.filesAt(parent), path), mine).isEmpty());
  }

  private static SortedMap<RelativePath, byte[]> below(SortedMap<RelativePath, byte[]> files,
      RelativePath path) {
    SortedMap<RelativePath, byte[]> result = new TreeMap<>();
    files.forEach((p, content) -> {
      if (p.startsWith(path)) {
        result.put(p, content);
      }
    });
    return result;
  }

  @Override
  public FolderLock lock() {
    history.folderLock.lock();
    AtomicBoolean held = new AtomicBoolean(true);
    return () -> {
      if (held.compareAndSet(true, false)) {
        history.folderLock.unlock();
      }
    };
  }

  @Override
  public void close() {
    // nothing to release: the fake holds no files
  }

  private static List<RelativePath> differences(Map<RelativePath, byte[]> a, Map<RelativePath, byte[]> b) {
    Set<RelativePath> paths = new TreeSet<>(a.keySet());
    paths.addAll(b.keySet());
    return paths.stream().filter(p -> !same(a.get(p), b.get(p))).toList();
  }

  private static void refuseGitFile(RelativePath path) {
    for (String segment : path.value().split("/")) {
      if (segment.equalsIgnoreCase(".git")) {
        throw new GtfcException(Problem.BAD_INPUT,
            "'" + path + "' names git's own file: gtfc never writes .git inside a folder");
      }
    }
  }
}
