package io.gtfc.git;

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
import io.gtfc.ports.Refs;
import io.gtfc.ports.VersionStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.errors.CheckoutConflictException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoMergeBaseException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder's working tree and history in a JGit repository. Refs and the index are read from disk
 * on every call, so branches and inboxes that another {@code Repository} on the same git
 * directory moves (a push received over SSH) are seen at once.
 */
@SuppressWarnings("try") // a try block holds the folder lock without naming it
final class JGitVersionStore implements VersionStore {
  private static final Logger LOG = LoggerFactory.getLogger(JGitVersionStore.class);
  private static final String LOCK_FILE = "gtfc.lock";

  private final FolderLayout layout;
  private final Repository repository;
  private final FolderMutex mutex;
  private final AtomicBoolean open = new AtomicBoolean(true);

  JGitVersionStore(FolderLayout layout, Repository repository) {
    this.layout = layout;
    this.repository = repository;
    this.mutex = new FolderMutex(layout.gitDir().resolve(LOCK_FILE));
  }

  @Override
  public FolderLayout layout() {
    return layout;
  }

  @Override
  public Optional<Revision> head() {
    try {
      return Optional.ofNullable(mainId()).map(JGitVersionStore::revision);
    } catch (IOException e) {
      throw failure("read the branch of", e);
    }
  }

  @Override
  public List<RelativePath> pendingChanges() {
    try (Git git = Git.wrap(repository)) {
      Status status = git.status().call();
      TreeSet<String> paths = new TreeSet<>();
      paths.addAll(status.getAdded());
      paths.addAll(status.getChanged());
      paths.addAll(status.getRemoved());
      paths.addAll(status.getMissing());
      paths.addAll(status.getModified());
      paths.addAll(status.getUntracked());
      paths.addAll(status.getConflicting());
      return paths.stream().map(this::relative).flatMap(Optional::stream).toList();
    } catch (GitAPIException | JGitInternalException e) {
      throw failure("compare the working tree of", e);
    }
  }

  @Override
  public Optional<Revision> commitPending(CommitSpec spec) {
    try (FolderLock held = lock(); Git git = Git.wrap(repository)) {
      // setAll stages deletions too; without renormalize only entries that differ are re-read
      git.add().addFilepattern(".").setAll(true).setRenormalize(false).call();
      ObjectId head = mainId();
      DirCache index = repository.readDirCache();
      try (ObjectInserter inserter = repository.newObjectInserter();
          RevWalk walk = new RevWalk(repository)) {
        ObjectId tree = index.writeTree(inserter);
        boolean unchanged = head == null
            ? index.getEntryCount() == 0
            : walk.parseCommit(head).getTree().equals(tree);
        if (unchanged) {
          return Optional.empty();
        }
        ObjectId commit = insertCommit(inserter, tree, spec,
            head == null ? List.of() : List.of(head));
        moveMain(head, commit, spec, "commit");
        return Optional.of(revision(commit));
      }
    } catch (IOException | GitAPIException | JGitInternalException e) {
      throw failure("commit the changes of", e);
    }
  }

  @Override
  public Optional<byte[]> readAtHead(RelativePath path) {
    try {
      ObjectId head = mainId();
      if (head == null) {
        return Optional.empty();
      }
      try (RevWalk walk = new RevWalk(repository);
          TreeWalk entry = TreeWalk.forPath(repository, path.value(),
              walk.parseCommit(head).getTree())) {
        if (entry == null || entry.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
          return Optional.empty();
        }
        try (InputStream in = repository.open(entry.getObjectId(0), Constants.OBJ_BLOB).openStream()) {
          return Optional.of(in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw failure("read " + path + " from the history of", e);
    }
  }

  @Override
  public void writeFile(RelativePath path, byte[] content) {
    refuseGitFile(path);
    Path target = layout.folder().resolve(path.value());
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".gtfc-tmp");
    try (FolderLock held = lock()) {
      Files.createDirectories(target.getParent());
      try (FileChannel out = FileChannel.open(temp,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      keepPermissions(target, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the write failure is what the user needs to see
      }
      throw failure("write " + path + " in", e);
    }
  }

  /** Replacing a script must keep it runnable. */
  private static void keepPermissions(Path original, Path replacement) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(original, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view != null && Files.isRegularFile(original, LinkOption.NOFOLLOW_LINKS)) {
      Files.setPosixFilePermissions(replacement, view.readAttributes().permissions());
    }
  }

  @Override
  public Map<NodeId, Revision> inbox() {
    try {
      Map<NodeId, Revision> inbox = new TreeMap<>();
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Refs.INBOX_PREFIX)) {
        Optional<NodeId> sender = Refs.senderOf(ref.getName());
        if (sender.isPresent() && ref.getObjectId() != null) {
          inbox.put(sender.get(), revision(ref.getObjectId()));
        }
      }
      return new LinkedHashMap<>(inbox);
    } catch (IOException e) {
      throw failure("read the inbox of", e);
    }
  }

  @Override
  public Integration integrate(NodeId sender, CommitSpec mergeSpec) {
    try (FolderLock held = lock(); RevWalk walk = new RevWalk(repository)) {
      Ref inbox = repository.exactRef(Refs.inbox(sender));
      ObjectId oursId = mainId();
      RevCommit ours = oursId == null ? null : walk.parseCommit(oursId);
      if (inbox == null || inbox.getObjectId() == null) {
        return outcome(sender, Outcome.UP_TO_DATE, ours, List.of());
      }
      RevCommit theirs = inboxCommit(walk, inbox, sender);
      if (ours != null && walk.isMergedInto(theirs, ours)) {
        return outcome(sender, Outcome.UP_TO_DATE, ours, List.of());
      }
      if (ours == null || walk.isMergedInto(ours, theirs)) {
        return moveTo(sender, Outcome.FAST_FORWARD, ours, theirs, mergeSpec);
      }
      Optional<RevCommit> merged = merge(walk, ours, theirs, mergeSpec);
      if (merged.isEmpty()) {
        return outcome(sender, Outcome.CONFLICT, ours, List.of());
      }
      return moveTo(sender, Outcome.MERGED, ours, merged.get(), mergeSpec);
    } catch (IOException e) {
      throw failure("integrate what " + sender + " sent into", e);
    }
  }

  private RevCommit inboxCommit(RevWalk walk, Ref inbox, NodeId sender) throws IOException {
    try {
      return walk.parseCommit(inbox.getObjectId());
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new GtfcException(Problem.BAD_STATE, "the inbox of " + sender + " in '" + layout
          + "' names " + inbox.getObjectId().name() + ", which is not a commit here: ask "
          + sender + " to push again", e);
    }
  }

  /**
   * Joins both histories in memory, touching neither the index nor the working tree, and stores
   * the merge commit (parents: ours, then theirs). Empty when the histories conflict: this is the
   * one place where conflict resolution (keeping both versions) belongs.
   */
  private Optional<RevCommit> merge(RevWalk walk, RevCommit ours, RevCommit theirs, CommitSpec spec)
      throws IOException {
    ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(repository, true);
    try {
      if (!merger.merge(ours, theirs)) {
        LOG.info("{}: merging {} into {} conflicts in {}", layout, theirs.name(), ours.name(),
            merger.getUnmergedPaths());
        return Optional.empty();
      }
    } catch (NoMergeBaseException e) {
      LOG.warn("{}: cannot merge {} into {}: {}", layout, theirs.name(), ours.name(), e.getMessage());
      return Optional.empty();
    }
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      ObjectId commit = insertCommit(inserter, merger.getResultTreeId(), spec, List.of(ours, theirs));
      return Optional.of(walk.parseCommit(commit));
    }
  }

  /**
   * Checks {@code target} out over {@code ours} and then moves the branch. The checkout refuses,
   * before it writes anything, when a file it would change holds an uncommitted edit.
   */
  private Integration moveTo(NodeId sender, Outcome outcome, RevCommit ours, RevCommit target,
      CommitSpec spec) throws IOException {
    List<RelativePath> changed = changedPaths(ours == null ? null : ours.getTree(), target.getTree());
    DirCache index = repository.lockDirCache();
    DirCacheCheckout checkout = ours == null
        ? new DirCacheCheckout(repository, index, target.getTree())
        : new DirCacheCheckout(repository, ours.getTree(), index, target.getTree());
    checkout.setFailOnConflict(true);
    try {
      if (!checkout.checkout()) {
        LOG.warn("{}: could not delete {}", layout, checkout.getToBeDeleted());
      }
    } catch (CheckoutConflictException e) {
      LOG.info("{}: not integrating {} from {}: uncommitted edits in {}", layout, target.name(),
          sender, checkout.getConflicts());
      return outcome(sender, Outcome.CONFLICT, ours, List.of());
    }
    moveMain(ours, target, spec, outcome == Outcome.MERGED ? "merge " + sender : "fast-forward " + sender);
    return outcome(sender, outcome, target, changed);
  }

  private List<RelativePath> changedPaths(RevTree before, RevTree after) throws IOException {
    List<RelativePath> changed = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.setRecursive(true);
      if (before == null) {
        walk.addTree(new EmptyTreeIterator());
      } else {
        walk.addTree(before);
      }
      walk.addTree(after);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        relative(walk.getPathString()).ifPresent(changed::add);
      }
    }
    return changed;
  }

  private static Integration outcome(NodeId sender, Outcome outcome, ObjectId head,
      List<RelativePath> changed) {
    return Integration.builder()
        .sender(sender)
        .outcome(outcome)
        .head(Optional.ofNullable(head).map(JGitVersionStore::revision))
        .changedPaths(changed)
        .build();
  }

  @Override
  public Divergence compare(Revision ours, Revision theirs) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit mine = parse(walk, ours);
      RevCommit their = parse(walk, theirs);
      return Divergence.of(countOnlyIn(walk, mine, their), countOnlyIn(walk, their, mine));
    } catch (IOException e) {
      throw failure("compare revisions in", e);
    }
  }

  private static int countOnlyIn(RevWalk walk, RevCommit in, RevCommit notIn) throws IOException {
    walk.reset();
    walk.markStart(in);
    walk.markUninteresting(notIn);
    int count = 0;
    while (walk.next() != null) {
      count++;
    }
    return count;
  }

  private RevCommit parse(RevWalk walk, Revision revision) throws IOException {
    try {
      return walk.parseCommit(ObjectId.fromString(revision.id()));
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      throw new GtfcException(Problem.BAD_INPUT,
          "revision " + revision.abbreviated() + " is not in the history of '" + layout + "'", e);
    }
  }

  @Override
  public boolean contains(Revision revision) {
    ObjectId id = ObjectId.fromString(revision.id());
    try (ObjectReader reader = repository.newObjectReader()) {
      return reader.has(id) && reader.open(id).getType() == Constants.OBJ_COMMIT;
    } catch (MissingObjectException e) {
      return false;
    } catch (IOException e) {
      throw failure("look up " + revision.abbreviated() + " in", e);
    }
  }

  @Override
  public List<HistoryEntry> history(Optional<RelativePath> path, int limit) {
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId head = mainId();
      if (head == null || limit <= 0) {
        return List.of();
      }
      walk.markStart(walk.parseCommit(head));
      path.ifPresent(p -> walk.setTreeFilter(
          AndTreeFilter.create(PathFilter.create(p.value()), TreeFilter.ANY_DIFF)));
      List<HistoryEntry> entries = new ArrayList<>();
      for (RevCommit commit = walk.next(); commit != null && entries.size() < limit;
          commit = walk.next()) {
        entries.add(HistoryEntry.builder()
            .revision(revision(commit))
            .author(commit.getAuthorIdent().getName())
            .when(commit.getAuthorIdent().getWhenAsInstant())
            .message(commit.getFullMessage())
            .build());
      }
      return entries;
    } catch (IOException e) {
      throw failure("read the history of", e);
    }
  }

  @Override
  public FolderLock lock() {
    return mutex.acquire();
  }

  /** Closing twice is harmless; JGit would complain about its use count. */
  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      repository.close();
    }
  }

  private ObjectId mainId() throws IOException {
    Ref main = repository.exactRef(Refs.MAIN);
    return main == null ? null : main.getObjectId();
  }

  private static ObjectId insertCommit(ObjectInserter inserter, ObjectId tree, CommitSpec spec,
      List<? extends ObjectId> parents) throws IOException {
    PersonIdent ident = ident(spec);
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    commit.setAuthor(ident);
    commit.setCommitter(ident);
    commit.setMessage(spec.message());
    ObjectId id = inserter.insert(commit);
    inserter.flush();
    return id;
  }

  /** Moves main only if nobody else moved it since we read it. */
  private void moveMain(ObjectId expected, ObjectId next, CommitSpec spec, String why)
      throws IOException {
    RefUpdate update = repository.updateRef(Refs.MAIN);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setNewObjectId(next);
    update.setRefLogIdent(ident(spec));
    update.setRefLogMessage("gtfc " + why, false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
      default -> throw new GtfcException(Problem.BAD_STATE, "the branch of '" + layout
          + "' was changed by another program meanwhile (" + result + "): try again");
    }
  }

  /** gtfc commits carry the node as name, a made-up address and UTC, so every node writes them alike. */
  private static PersonIdent ident(CommitSpec spec) {
    String node = spec.author().value();
    return new PersonIdent(node, node + "@gtfc", spec.when(), ZoneOffset.UTC);
  }

  private static Revision revision(ObjectId id) {
    return Revision.of(id.name());
  }

  private Optional<RelativePath> relative(String gitPath) {
    try {
      return Optional.of(RelativePath.of(gitPath));
    } catch (IllegalArgumentException e) {
      LOG.warn("{}: skipping a path gtfc cannot name: {}", layout, e.getMessage());
      return Optional.empty();
    }
  }

  private static void refuseGitFile(RelativePath path) {
    for (String segment : path.value().split("/")) {
      if (segment.equalsIgnoreCase(Constants.DOT_GIT)) {
        throw new GtfcException(Problem.BAD_INPUT,
            "'" + path + "' names git's own file: gtfc never writes .git inside a folder");
      }
    }
  }

  private GtfcException failure(String doing, Exception e) {
    return new GtfcException(Problem.ENVIRONMENT,
        "cannot " + doing + " '" + layout + "': " + e.getMessage(), e);
  }
}
