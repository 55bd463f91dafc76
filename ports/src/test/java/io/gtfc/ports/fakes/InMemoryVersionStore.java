package io.gtfc.ports.fakes;

import static io.gtfc.ports.fakes.InMemoryHistory.same;

import io.gtfc.domain.FileVersion;
import io.gtfc.domain.MemberDirectory;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.MergePlan;
import io.gtfc.domain.ImmutableMergeSide;
import io.gtfc.domain.MergeSide;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.TreeMerge;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.IntegrationGuard;
import io.gtfc.ports.Integration;
import io.gtfc.ports.Integration.Outcome;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.InMemoryHistory.Commit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A fake {@link VersionStore}: commits are immutable snapshots of the whole folder, the working
 * tree is a map. It keeps the port's contract and merges with the domain's {@code TreeMerge} as
 * the real store does, including deterministic merge commit ids, with these simplifications:
 *
 * <ul>
 *   <li>No line merge: where the plan asks for a 3-way text merge, the fake applies the plan's
 *       fallback (the winner at the path, the loser beside it as a conflict copy, a conflict
 *       reported), where the JGit store would first try to merge the lines. This is the one place
 *       where the outcome of a merge differs.
 *   <li>No file modes (nothing is executable) and no directories: a path is a file or absent.
 *   <li>A crash cannot interrupt anything: every change is applied at once.
 * </ul>
 *
 * Content ids are git blob ids, and content counts as binary as JGit's {@code RawText.isBinary}
 * decides (a NUL, or a CR not followed by LF, in the first 8 KiB).
 */
@SuppressWarnings("try") // a try block holds the folder lock without naming it
public final class InMemoryVersionStore implements VersionStore {
  /** Merge commits are made by nobody in particular, as the JGit store's {@code gtfc <merge@gtfc>}. */
  static final NodeId MERGER = NodeId.of("gtfc");
  static final String MERGE_MESSAGE = "gtfc: merge";
  private static final int BINARY_WINDOW = 8192;

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
  public Integration integrate(NodeId sender, IntegrationGuard guard) {
    try (FolderLock held = lock()) {
      synchronized (disk) {
        String theirs = history.inbox.get(sender);
        String ours = history.main;
        if (theirs == null || ours != null && history.isAncestor(theirs, ours)) {
          return outcome(sender, Outcome.UP_TO_DATE, List.of(), List.of());
        }
        if (ours == null || history.isAncestor(ours, theirs)) {
          return guarded(guard, sender, theirs).orElseGet(() -> moveTo(sender, Outcome.FAST_FORWARD, theirs, List.of()));
        }
        Merged merged = merge(ours, theirs);
        return guarded(guard, sender, merged.id())
            .orElseGet(() -> moveTo(sender, Outcome.MERGED, merged.id(), merged.conflicts()));
      }
    }
  }

  /** The refusal, if the guard refuses moving to {@code target}. */
  private Optional<Integration> guarded(IntegrationGuard guard, NodeId sender, String target) {
    Optional<String> refusal = guard.refusal(below(history.filesAt(history.main), guard.directory()),
        below(history.filesAt(target), guard.directory()));
    return refusal.map(reason -> Integration.builder()
        .sender(sender)
        .outcome(Outcome.REFUSED)
        .head(Optional.ofNullable(history.main).map(Revision::of))
        .refusal(reason)
        .build());
  }

  @Override
  public SortedMap<RelativePath, byte[]> filesUnder(RelativePath directory, Revision revision) {
    synchronized (disk) {
      SortedMap<RelativePath, byte[]> files = new TreeMap<>();
      below(history.commit(revision.id()).files(), directory).forEach((p, c) -> files.put(p, c.clone()));
      return files;
    }
  }

  private record Merged(String id, List<MergePlan.Conflict> conflicts) {}

  /**
   * The merge commit of both sides as the domain plans it. Its id depends only on the parents (in
   * ascending order), the merged tree, the fixed identity and the later commit time.
   */
  private Merged merge(String ours, String theirs) {
    Commit o = history.commit(ours);
    Commit t = history.commit(theirs);
    Map<String, byte[]> contents = new HashMap<>();
    SortedMap<RelativePath, byte[]> base = history.filesAt(history.mergeBase(ours, theirs));
    Set<RelativePath> bothChanged = new TreeSet<>();
    o.files().forEach((path, mine) -> {
      byte[] other = t.files().get(path);
      byte[] before = base.get(path);
      if (other != null && !InMemoryHistory.same(mine, other) && !InMemoryHistory.same(mine, before)
          && !InMemoryHistory.same(other, before)) {
        bothChanged.add(path);
      }
    });
    MergeSide oursSide = side(o, newestEdit(o), contents, bothChanged);
    MergeSide theirsSide = side(t, newestEdit(t), contents, bothChanged);
    MergePlan plan = TreeMerge.plan(versions(base, contents), oursSide, theirsSide);

    Map<RelativePath, byte[]> merged = new TreeMap<>();
    plan.files().forEach((path, version) -> merged.put(path, contents.get(version.contentId())));
    List<MergePlan.Conflict> conflicts = new ArrayList<>(plan.conflicts());
    for (MergePlan.TextMerge text : plan.textMerges()) {
      // the one difference from the real store: no line merge, the fallback applies at once
      merged.put(text.path(), contents.get(text.winner().contentId()));
      merged.put(text.loserCopy(), contents.get(text.loser().contentId()));
      conflicts.add(MergePlan.Conflict.of(text.path(), text.loserCopy(), text.loserNode()));
    }
    conflicts.sort(Comparator.comparing((MergePlan.Conflict c) -> c.path())
        .thenComparing(MergePlan.Conflict::copy));
    List<String> parents = Stream.of(ours, theirs).sorted().toList();
    Instant when = o.when().isAfter(t.when()) ? o.when() : t.when();
    Commit commit = history.record(merged, parents, MERGER, when, MERGE_MESSAGE);
    return new Merged(commit.id(), List.copyOf(conflicts));
  }

  /** As the JGit store: a merge is followed to its latest parent (ties: the smaller id). */
  private Commit newestEdit(Commit tip) {
    Commit c = tip;
    while (c.parents().size() > 1) {
      Commit best = null;
      for (String id : c.parents()) {
        Commit parent = history.commit(id);
        long t = parent.when().getEpochSecond();
        if (best == null || t > best.when().getEpochSecond()
            || (t == best.when().getEpochSecond() && parent.id().compareTo(best.id()) < 0)) {
          best = parent;
        }
      }
      c = best;
    }
    return c;
  }

  private MergeSide side(Commit tip, Commit edit, Map<String, byte[]> contents, Set<RelativePath> bothChanged) {
    SortedMap<RelativePath, byte[]> members = below(tip.files(), MemberFiles.DIRECTORY);
    ImmutableMergeSide.Builder side = MergeSide.builder()
        .revision(Revision.of(tip.id()))
        .node(edit.author())
        .time(edit.when())
        .files(versions(tip.files(), contents))
        .memberRank(members.isEmpty() ? "" : MemberDirectory.of(members).rank());
    for (RelativePath path : bothChanged) {
      Commit madeIt = lastChange(tip, path);
      Commit by = madeIt.parents().size() > 1 ? newestEdit(madeIt) : madeIt;
      side.putEdits(path, MergeSide.Edit.of(by.author(), by.when()));
    }
    return side.build();
  }

  /** As the JGit store: back while a parent (the first such of a merge) holds the same version of {@code path}. */
  private Commit lastChange(Commit tip, RelativePath path) {
    byte[] version = tip.files().get(path);
    Commit c = tip;
    for (Optional<Commit> parent = parentWith(c, path, version); parent.isPresent();
        parent = parentWith(c, path, version)) {
      c = parent.get();
    }
    return c;
  }

  private Optional<Commit> parentWith(Commit commit, RelativePath path, byte[] version) {
    return commit.parents().stream().map(history::commit)
        .filter(parent -> InMemoryHistory.same(parent.files().get(path), version))
        .findFirst();
  }

  private static Map<RelativePath, FileVersion> versions(Map<RelativePath, byte[]> files,
      Map<String, byte[]> contents) {
    Map<RelativePath, FileVersion> versions = new TreeMap<>();
    files.forEach((path, content) -> {
      String id = blobId(content);
      contents.putIfAbsent(id, content);
      versions.put(path, FileVersion.of(id, false, binary(content)));
    });
    return versions;
  }

  /** The id git gives this content as a blob. */
  static String blobId(byte[] content) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha1.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** JGit's heuristic: a NUL, or a CR that is not followed by LF, within the first 8 KiB. */
  static boolean binary(byte[] content) {
    int length = Math.min(content.length, BINARY_WINDOW);
    for (int i = 0; i < length; i++) {
      if (content[i] == 0 || content[i] == '\r' && i + 1 < length && content[i + 1] != '\n') {
        return true;
      }
    }
    return false;
  }

  /** Moves the branch and the working tree to {@code target}, unless that would overwrite an edit. */
  private Integration moveTo(NodeId sender, Outcome outcome, String target,
      List<MergePlan.Conflict> conflicts) {
    SortedMap<RelativePath, byte[]> before = history.filesAt(history.main);
    SortedMap<RelativePath, byte[]> after = history.filesAt(target);
    SortedMap<RelativePath, byte[]> tree = disk.workingTree(layout);
    List<RelativePath> changed = differences(before, after);
    for (RelativePath path : changed) {
      byte[] current = tree.get(path);
      if (!same(current, before.get(path)) && !same(current, after.get(path))) {
        return outcome(sender, Outcome.DEFERRED, List.of(), List.of());
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
    return outcome(sender, outcome, changed, conflicts);
  }

  private Integration outcome(NodeId sender, Outcome outcome, List<RelativePath> changed,
      List<MergePlan.Conflict> conflicts) {
    return Integration.builder()
        .sender(sender)
        .outcome(outcome)
        .head(Optional.ofNullable(history.main).map(Revision::of))
        .changedPaths(changed)
        .conflicts(conflicts)
        .build();
  }

  @Override
  public Optional<Revision> commitPaths(Collection<RelativePath> paths, CommitSpec spec) {
    try (FolderLock held = lock()) {
      synchronized (disk) {
        SortedMap<RelativePath, byte[]> head = history.filesAt(history.main);
        SortedMap<RelativePath, byte[]> tree = disk.workingTree(layout);
        Map<RelativePath, byte[]> next = new TreeMap<>(head);
        for (RelativePath path : paths) {
          next.keySet().removeIf(p -> p.startsWith(path));
        }
        for (RelativePath path : paths) {
          tree.forEach((p, content) -> {
            if (p.startsWith(path)) {
              next.put(p, content);
            }
          });
        }
        if (differences(head, next).isEmpty()) {
          return Optional.empty();
        }
        List<String> parents = history.main == null ? List.of() : List.of(history.main);
        Commit commit = history.record(next, parents, spec.author(), spec.when(), spec.message());
        history.main = commit.id();
        return Optional.of(Revision.of(commit.id()));
      }
    }
  }

  @Override
  public Optional<byte[]> readAt(RelativePath path, Revision revision) {
    synchronized (disk) {
      return Optional.ofNullable(history.commit(revision.id()).files().get(path)).map(byte[]::clone);
    }
  }

  @Override
  public List<RelativePath> filesAt(Revision revision) {
    synchronized (disk) {
      return List.copyOf(history.commit(revision.id()).files().keySet());
    }
  }

  @Override
  public void deleteFile(RelativePath path) {
    refuseGitFile(path);
    try (FolderLock held = lock()) {
      disk.deleteInWorkingTree(layout, path);
    }
  }

  @Override
  public Optional<Revision> revisionAt(Instant time) {
    synchronized (disk) {
      return history.walk(history.main).stream()
          .filter(commit -> !commit.when().isAfter(time))
          .findFirst()
          .map(commit -> Revision.of(commit.id()));
    }
  }

  @Override
  public int trackedFileCount() {
    synchronized (disk) {
      return history.filesAt(history.main).size();
    }
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
      return history.walk(history.main).stream()
          .filter(commit -> path.map(p -> touches(commit, p)).orElse(true))
          .limit(Math.max(0, limit))
          .map(this::entry)
          .toList();
    }
  }

  private HistoryEntry entry(Commit commit) {
    return HistoryEntry.builder()
        .revision(Revision.of(commit.id()))
        .author(commit.author().value())
        .when(commit.when())
        .message(commit.message())
        .parents(commit.parents().stream().map(Revision::of).toList())
        .paths(differences(
            history.filesAt(commit.parents().isEmpty() ? null : commit.parents().get(0)),
            commit.files()))
        .build();
  }

  @Override
  public HistoryEntry describe(Revision revision) {
    synchronized (disk) {
      return entry(history.commit(revision.id()));
    }
  }

  /**
   * Each changed file is one hunk that replaces all its old lines with all its new ones: a valid
   * unified diff, if not the shortest one git would print.
   */
  @Override
  public String diff(Optional<Revision> from, Optional<Revision> to, Optional<RelativePath> path) {
    synchronized (disk) {
      SortedMap<RelativePath, byte[]> after = to.isPresent()
          ? history.commit(to.get().id()).files() : disk.workingTree(layout);
      SortedMap<RelativePath, byte[]> before;
      if (from.isPresent()) {
        before = history.commit(from.get().id()).files();
      } else if (to.isPresent()) {
        List<String> parents = history.commit(to.get().id()).parents();
        before = history.filesAt(parents.isEmpty() ? null : parents.get(0));
      } else {
        before = history.filesAt(history.main);
      }
      StringBuilder out = new StringBuilder();
      for (RelativePath p : differences(before, after)) {
        if (path.isPresent() && !p.startsWith(path.get())) {
          continue;
        }
        byte[] a = before.get(p);
        byte[] b = after.get(p);
        out.append("diff --git a/").append(p).append(" b/").append(p).append('\n');
        out.append(a == null ? "--- /dev/null" : "--- a/" + p).append('\n');
        out.append(b == null ? "+++ /dev/null" : "+++ b/" + p).append('\n');
        List<String> old = lines(a);
        List<String> next = lines(b);
        out.append("@@ -").append(range(old.size())).append(" +").append(range(next.size())).append(" @@\n");
        old.forEach(line -> out.append('-').append(line).append('\n'));
        next.forEach(line -> out.append('+').append(line).append('\n'));
      }
      return out.toString();
    }
  }

  private static List<String> lines(byte[] content) {
    if (content == null || content.length == 0) {
      return List.of();
    }
    String text = new String(content, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (text.endsWith("\n")) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  private static String range(int lines) {
    return lines == 0 ? "0,0" : "1," + lines;
  }

  /** The fake's objects cannot rot. */
  @Override
  public List<String> verify() {
    return List.of();
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
