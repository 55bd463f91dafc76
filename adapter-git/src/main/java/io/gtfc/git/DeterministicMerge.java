package io.gtfc.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gtfc.domain.FileVersion;
import io.gtfc.domain.ImmutableMergeSide;
import io.gtfc.domain.MergePlan;
import io.gtfc.domain.MergeSide;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.MemberDirectory;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.TreeMerge;
import io.gtfc.git.TreeFiles.FileEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the merge commit of two tips the same way on every node: the domain's {@link TreeMerge}
 * decides path by path, text edits are merged line by line, and the commit carries only what both
 * tips determine (parents in ascending order, a fixed identity, the later commit time, a fixed
 * message). Two stores merging the same pair therefore write the same commit id.
 */
final class DeterministicMerge {
  static final String NAME = "gtfc";
  static final String EMAIL = "merge@gtfc";
  static final String MESSAGE = "gtfc: merge";

  private static final Logger LOG = LoggerFactory.getLogger(DeterministicMerge.class);
  /** Who a tip is attributed to when its author is not a node name (a commit made by plain git). */
  private static final NodeId UNKNOWN = NodeId.of("unknown");
  private static final String SYMLINK = "symlink:";
  private static final String GITLINK = "gitlink:";

  /** The merge commit and the conflicts it resolved by keeping both versions. */
  record Merged(ObjectId commit, List<MergePlan.Conflict> conflicts) {}

  private final ObjectReader reader;
  private final ObjectInserter inserter;
  private final Map<ObjectId, Boolean> binary = new HashMap<>();

  DeterministicMerge(ObjectReader reader, ObjectInserter inserter) {
    this.reader = reader;
    this.inserter = inserter;
  }

  Merged merge(RevCommit ours, RevCommit theirs) throws IOException {
    RevCommit base = mergeBase(ours, theirs);
    Map<String, FileEntry> baseFiles = TreeFiles.read(reader, base == null ? null : base.getTree());
    Map<String, FileEntry> ourFiles = TreeFiles.read(reader, ours.getTree());
    Map<String, FileEntry> theirFiles = TreeFiles.read(reader, theirs.getTree());

    Map<RelativePath, FileVersion> b = new TreeMap<>();
    Map<RelativePath, FileVersion> o = new TreeMap<>();
    Map<RelativePath, FileVersion> t = new TreeMap<>();
    Map<String, FileEntry> unnamed = new TreeMap<>();
    Set<String> bothChanged = new TreeSet<>();
    Set<String> paths = new TreeSet<>(baseFiles.keySet());
    paths.addAll(ourFiles.keySet());
    paths.addAll(theirFiles.keySet());
    for (String path : paths) {
      FileEntry eb = baseFiles.get(path);
      FileEntry eo = ourFiles.get(path);
      FileEntry et = theirFiles.get(path);
      Optional<RelativePath> named = named(path);
      if (named.isEmpty()) {
        unnamed.put(path, null);
        continue;
      }
      // content only matters where the versions differ; elsewhere every side gets the same flag
      boolean differs = !(Objects.equals(eb, eo) && Objects.equals(eo, et));
      put(b, named.get(), eb, differs);
      put(o, named.get(), eo, differs);
      put(t, named.get(), et, differs);
      if (eo != null && et != null && !eo.equals(et) && !eo.equals(eb) && !et.equals(eb)) {
        bothChanged.add(path);
      }
    }
    MergeSide oursSide = side(ours, o, bothChanged);
    MergeSide theirsSide = side(theirs, t, bothChanged);
    MergeSide winner = oursSide.beats(theirsSide) ? oursSide : theirsSide;
    MergePlan plan = TreeMerge.plan(b, oursSide, theirsSide);

    DirCache tree = DirCache.newInCore();
    DirCacheBuilder builder = tree.builder();
    plan.files().forEach((path, version) -> add(builder, path.value(), entry(version)));
    List<MergePlan.Conflict> conflicts = new ArrayList<>(plan.conflicts());
    for (MergePlan.TextMerge text : plan.textMerges()) {
      Optional<ObjectId> merged = lineMerge(text);
      if (merged.isPresent()) {
        add(builder, text.path().value(),
            new FileEntry(merged.get(), text.executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE));
      } else {
        add(builder, text.path().value(), entry(text.winner()));
        if (!plan.files().containsKey(text.loserCopy())) {
          // else a side already keeps this version there, from an earlier merge
          add(builder, text.loserCopy().value(), entry(text.loser()));
        }
        conflicts.add(MergePlan.Conflict.of(text.path(), text.loserCopy(), text.loserNode()));
      }
    }
    for (String path : unnamed.keySet()) {
      FileEntry kept = unnamedResult(path, baseFiles.get(path), ourFiles.get(path), theirFiles.get(path),
          winner == oursSide);
      if (kept != null) {
        add(builder, path, kept);
      }
    }
    builder.finish();
    ObjectId treeId = tree.writeTree(inserter);
    conflicts.sort(Comparator.comparing((MergePlan.Conflict c) -> c.path())
        .thenComparing(MergePlan.Conflict::copy));
    return new Merged(commit(treeId, ours, theirs), List.copyOf(conflicts));
  }

  /**
   * The best common ancestor of both tips; with several (criss-cross histories), the one with the
   * smallest id, so every node picks the same. Null for unrelated histories.
   */
  private RevCommit mergeBase(RevCommit ours, RevCommit theirs) throws IOException {
    List<RevCommit> bases = new ArrayList<>();
    try (RevWalk walk = new RevWalk(reader)) {
      walk.setRevFilter(RevFilter.MERGE_BASE);
      walk.markStart(walk.parseCommit(ours));
      walk.markStart(walk.parseCommit(theirs));
      for (RevCommit c = walk.next(); c != null; c = walk.next()) {
        bases.add(c);
      }
    }
    List<RevCommit> best = new ArrayList<>();
    try (RevWalk walk = new RevWalk(reader)) {
      for (RevCommit candidate : bases) {
        boolean below = false;
        for (RevCommit other : bases) {
          if (!other.equals(candidate)
              && walk.isMergedInto(walk.parseCommit(candidate), walk.parseCommit(other))) {
            below = true;
            break;
          }
        }
        if (!below) {
          best.add(candidate);
        }
      }
    }
    return best.stream().min(Comparator.comparing(RevCommit::name)).orElse(null);
  }

  private MergeSide side(RevCommit tip, Map<RelativePath, FileVersion> files, Set<String> bothChanged)
      throws IOException {
    RevCommit edit = newestEdit(tip);
    Map<RelativePath, byte[]> members = TreeFiles.readUnder(reader, tip.getTree(), MemberFiles.DIRECTORY);
    ImmutableMergeSide.Builder side = MergeSide.builder()
        .revision(Revision.of(tip.name()))
        .node(node(edit.getAuthorIdent().getName()))
        .time(edit.getCommitterIdent().getWhenAsInstant())
        .files(files)
        .memberRank(members.isEmpty() ? "" : memberRank(members));
    for (String path : bothChanged) {
      RevCommit madeIt = lastChange(tip, path);
      RevCommit by = madeIt.getParentCount() > 1 ? newestEdit(madeIt) : madeIt;
      side.putEdits(RelativePath.of(path),
          MergeSide.Edit.of(node(by.getAuthorIdent().getName()), by.getCommitterIdent().getWhenAsInstant()));
    }
    return side.build();
  }

  /**
   * The commit that made {@code tip}'s version of {@code path}: followed back while a parent has
   * the same version (the first such parent of a merge, as git log's history simplification
   * does). The path changed since the merge base, so the walk stays above it.
   */
  private RevCommit lastChange(RevCommit tip, String path) throws IOException {
    try (RevWalk walk = new RevWalk(reader)) {
      RevCommit c = walk.parseCommit(tip);
      FileEntry version = entryAt(c, path);
      for (RevCommit parent = parentWith(walk, c, path, version); parent != null;
          parent = parentWith(walk, c, path, version)) {
        c = parent;
      }
      return c;
    }
  }

  /** The first parent of {@code commit} whose {@code path} holds {@code version}; null if none does. */
  private RevCommit parentWith(RevWalk walk, RevCommit commit, String path, FileEntry version) throws IOException {
    for (RevCommit parent : commit.getParents()) {
      walk.parseHeaders(parent);
      if (Objects.equals(entryAt(parent, path), version)) {
        return parent;
      }
    }
    return null;
  }

  private FileEntry entryAt(RevCommit commit, String path) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
      return walk == null ? null : new FileEntry(walk.getObjectId(0), walk.getFileMode(0));
    }
  }

  /** The rank of a side's member list; a directory that does not even name its files ranks lowest. */
  private static String memberRank(Map<RelativePath, byte[]> members) {
    try {
      return MemberDirectory.of(members).rank();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /**
   * The newest edit behind a tip: a merge is followed to its latest parent (ties: the smaller
   * id), so a side is judged, and its conflict copies named, by the node and time of a real edit
   * rather than by the merge commits gtfc made. The fake store applies the same rule.
   */
  private RevCommit newestEdit(RevCommit tip) throws IOException {
    try (RevWalk walk = new RevWalk(reader)) {
      RevCommit c = walk.parseCommit(tip);
      while (c.getParentCount() > 1) {
        RevCommit best = null;
        for (RevCommit parent : c.getParents()) {
          walk.parseHeaders(parent);
          if (best == null || parent.getCommitTime() > best.getCommitTime()
              || (parent.getCommitTime() == best.getCommitTime() && parent.name().compareTo(best.name()) < 0)) {
            best = parent;
          }
        }
        c = best;
      }
      return c;
    }
  }

  private static NodeId node(String author) {
    try {
      return NodeId.of(author);
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  private void put(Map<RelativePath, FileVersion> side, RelativePath path, FileEntry entry, boolean differs)
      throws IOException {
    if (entry != null) {
      side.put(path, version(entry, differs));
    }
  }

  /** Symbolic links and nested repositories get content ids of their own and are never merged as text. */
  private FileVersion version(FileEntry entry, boolean readContent) throws IOException {
    if (FileMode.SYMLINK.equals(entry.mode())) {
      return FileVersion.of(SYMLINK + entry.id().name(), false, true);
    }
    if (FileMode.GITLINK.equals(entry.mode())) {
      return FileVersion.of(GITLINK + entry.id().name(), false, true);
    }
    return FileVersion.of(entry.id().name(), entry.executable(), readContent && isBinary(entry.id()));
  }

  private static FileEntry entry(FileVersion version) {
    String id = version.contentId();
    if (id.startsWith(SYMLINK)) {
      return new FileEntry(ObjectId.fromString(id.substring(SYMLINK.length())), FileMode.SYMLINK);
    }
    if (id.startsWith(GITLINK)) {
      return new FileEntry(ObjectId.fromString(id.substring(GITLINK.length())), FileMode.GITLINK);
    }
    return new FileEntry(ObjectId.fromString(id),
        version.executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
  }

  private boolean isBinary(ObjectId blob) throws IOException {
    Boolean known = binary.get(blob);
    if (known == null) {
      try (InputStream in = reader.open(blob, Constants.OBJ_BLOB).openStream()) {
        known = RawText.isBinary(in);
      }
      binary.put(blob.copy(), known);
    }
    return known;
  }

  /** A clean 3-way line merge of base, winner and loser; empty when the lines conflict. */
  private Optional<ObjectId> lineMerge(MergePlan.TextMerge text) throws IOException {
    RawText base = new RawText(bytes(text.base().orElseThrow()));
    RawText winner = new RawText(bytes(text.winner()));
    RawText loser = new RawText(bytes(text.loser()));
    MergeResult<RawText> result = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, base, winner, loser);
    if (result.containsConflicts()) {
      return Optional.empty();
    }
    ByteArrayOutputStream merged = new ByteArrayOutputStream();
    new MergeFormatter().formatMerge(merged, result, List.of("base", "winner", "loser"), UTF_8);
    return Optional.of(inserter.insert(Constants.OBJ_BLOB, merged.toByteArray()));
  }

  private byte[] bytes(FileVersion version) throws IOException {
    try (InputStream in = reader.open(ObjectId.fromString(version.contentId()), Constants.OBJ_BLOB).openStream()) {
      return in.readAllBytes();
    }
  }

  /**
   * Paths gtfc cannot name (a backslash in a file name, say) bypass the domain: a change on one
   * side is taken, and when both changed it the winner's version stays (the other remains in history).
   */
  private static FileEntry unnamedResult(String path, FileEntry base, FileEntry ours, FileEntry theirs,
      boolean oursWins) {
    if (Objects.equals(ours, theirs) || Objects.equals(theirs, base)) {
      return ours;
    }
    if (Objects.equals(ours, base)) {
      return theirs;
    }
    LOG.warn("both sides changed '{}', which gtfc cannot name: the later version stays,"
        + " the other is kept in the history only", path);
    return oursWins ? ours : theirs;
  }

  private static void add(DirCacheBuilder builder, String path, FileEntry file) {
    DirCacheEntry entry = new DirCacheEntry(path);
    entry.setFileMode(file.mode());
    entry.setObjectId(file.id());
    builder.add(entry);
  }

  private ObjectId commit(ObjectId tree, RevCommit ours, RevCommit theirs) throws IOException {
    Instant when = Instant.ofEpochSecond(Math.max(ours.getCommitTime(), theirs.getCommitTime()));
    PersonIdent identity = new PersonIdent(NAME, EMAIL, when, ZoneOffset.UTC);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(ours.name().compareTo(theirs.name()) < 0 ? List.of(ours, theirs) : List.of(theirs, ours));
    commit.setAuthor(identity);
    commit.setCommitter(identity);
    commit.setMessage(MESSAGE);
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  private static Optional<RelativePath> named(String gitPath) {
    try {
      return Optional.of(RelativePath.of(gitPath));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
