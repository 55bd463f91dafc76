package io.gtfc.git;

import io.gtfc.domain.MergePlan;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.git.TreeFiles.Change;
import io.gtfc.git.TreeFiles.FileEntry;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.Integration;
import io.gtfc.ports.Integration.Outcome;
import io.gtfc.ports.IntegrationGuard;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Progress;
import io.gtfc.ports.Refs;
import io.gtfc.ports.VersionStore;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder's working tree and history in a JGit repository. Refs and the index are read from disk
 * on every call, so branches and inboxes that another {@code Repository} on the same git
 * directory moves (a push received over SSH) are seen at once. Merges are made by
 * {@link DeterministicMerge}; the working tree follows the branch through {@link Checkout} under a
 * {@link CheckoutJournal}, so that {@link #recover()} can finish a move a crash interrupted.
 */
@SuppressWarnings("try") // a try block holds the folder lock without naming it
final class JGitVersionStore implements VersionStore {
  private static final Logger LOG = LoggerFactory.getLogger(JGitVersionStore.class);
  private static final String LOCK_FILE = "gtfc.lock";
  private static final int PACKED_COMMIT_PATHS = 100;
  /** Entries whose stat data alone is stale that are worth rewriting the index for. */
  private static final int STAT_ONLY_REWRITE = 64;

  private final FolderLayout layout;
  private final Repository repository;
  private final FolderMutex mutex;
  private final WorkingFiles files;
  private final Checkout checkout;
  private final CheckoutJournal journal;
  private final IndexEdits indexEdits;
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final Progress progress;

  JGitVersionStore(FolderLayout layout, Repository repository, Progress progress) {
    this.layout = layout;
    this.progress = progress;
    this.repository = repository;
    this.mutex = new FolderMutex(layout.gitDir().resolve(LOCK_FILE));
    this.files = new WorkingFiles(layout.folder());
    this.indexEdits = new IndexEdits(repository);
    this.checkout = new Checkout(repository, files, indexEdits);
    this.journal = new CheckoutJournal(layout.gitDir());
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
    writeCaches(); // git status reads the index file
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
      Set<String> staged = new HashSet<>(status.getAdded());
      staged.addAll(status.getChanged());
      staged.addAll(status.getRemoved());
      staged.addAll(status.getUntracked()); // untracked but at the head: an index written before a checkout
      Map<String, FileEntry> stale = matchingHead(staged);
      paths.removeAll(stale.keySet());
      if (!stale.isEmpty() && mutex.heldByCurrentThread()) {
        repairIndex(stale);
      }
      return paths.stream().map(this::relative).flatMap(Optional::stream).toList();
    } catch (GitAPIException | JGitInternalException | IOException e) {
      throw failure("compare the working tree of", e);
    }
  }

  /**
   * Of paths where the index file and the head differ, those whose working file is the head's
   * version after all, with that version (null: the head has none). gtfc never stages anything, so
   * such a difference is an index file that another process (a daemon) has not written yet since
   * its last commit or checkout, or never will (it was killed): the index is only a cache, and
   * these paths hold no change.
   */
  private Map<String, FileEntry> matchingHead(Set<String> staged) throws IOException {
    Map<String, FileEntry> matching = new HashMap<>();
    ObjectId head = mainId();
    if (staged.isEmpty() || head == null) {
      return matching;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevTree tree = walk.parseCommit(head).getTree();
      for (String path : staged) {
        FileEntry atHead = TreeFiles.entryAt(walk.getObjectReader(), tree, path);
        if (files.holds(files.find(path), atHead)) {
          matching.put(path, atHead);
        }
      }
    }
    return matching;
  }

  /**
   * Brings the index file to the head at paths {@link #matchingHead} found stale, so that git
   * status by hand shows a clean folder again: a process that would still write its own holds the
   * folder lock while it works, which the caller has, so what is stale now was left by one that
   * ended before writing it.
   */
  private void repairIndex(Map<String, FileEntry> stale) throws IOException {
    for (Map.Entry<String, FileEntry> path : stale.entrySet()) {
      if (path.getValue() == null) {
        indexEdits.remove(path.getKey());
      } else {
        indexEdits.put(path.getKey(),
            Checkout.entry(path.getKey(), path.getValue(), files.find(path.getKey()).orElse(null)));
      }
    }
    indexEdits.flush();
    LOG.info("{}: the index file was behind the head at {} path(s) (a gtfc ended before writing it); written again",
        layout, stale.size());
  }

  @Override
  public Optional<Revision> commitPending(CommitSpec spec) {
    try (FolderLock held = lock(); Git git = Git.wrap(repository)) {
      indexEdits.flush(); // git add reads the index file
      // setAll stages deletions too; without renormalize only entries that differ are re-read
      try (Progress.Task scan = progress.start("scanning " + layout.folder(), 0)) {
        git.add().addFilepattern(".").setAll(true).setRenormalize(false)
            .setWorkingTreeIterator(new CountingTreeIterator(repository, scan)).call();
      }
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
        moveMain(head, commit, ident(spec), "commit");
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
      try (RevWalk walk = new RevWalk(repository)) {
        return read(path, walk.parseCommit(head).getTree());
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
  public Integration integrate(NodeId sender, IntegrationGuard guard) {
    try (FolderLock held = lock(); RevWalk walk = new RevWalk(repository);
        ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = inserter.newReader()) {
      Ref inbox = repository.exactRef(Refs.inbox(sender));
      ObjectId oursId = mainId();
      RevCommit ours = oursId == null ? null : walk.parseCommit(oursId);
      if (inbox == null || inbox.getObjectId() == null) {
        return outcome(sender, Outcome.UP_TO_DATE, ours, List.of(), List.of());
      }
      RevCommit theirs = inboxCommit(walk, inbox, sender);
      if (ours != null && walk.isMergedInto(theirs, ours)) {
        return outcome(sender, Outcome.UP_TO_DATE, ours, List.of(), List.of());
      }
      if (ours == null || walk.isMergedInto(ours, theirs)) {
        Optional<String> refusal = refusal(guard, ours, theirs, reader);
        return refusal.isPresent() ? refused(sender, ours, refusal.get())
            : moveTo(sender, Outcome.FAST_FORWARD, ours, theirs, List.of(), reader);
      }
      DeterministicMerge.Merged merged = new DeterministicMerge(reader, inserter).merge(ours, theirs);
      RevCommit target = walk.parseCommit(merged.commit());
      Optional<String> refusal = refusal(guard, ours, target, reader);
      return refusal.isPresent() ? refused(sender, ours, refusal.get())
          : moveTo(sender, Outcome.MERGED, ours, target, merged.conflicts(), reader);
    } catch (IOException e) {
      throw failure("integrate what " + sender + " sent into", e);
    }
  }

  /** What the guard says about moving from {@code ours} to {@code target}; nothing has moved yet. */
  private static Optional<String> refusal(IntegrationGuard guard, RevCommit ours, RevCommit target,
      ObjectReader reader) throws IOException {
    SortedMap<RelativePath, byte[]> before = ours == null ? new TreeMap<>()
        : TreeFiles.readUnder(reader, ours.getTree(), guard.directory());
    return guard.refusal(before, TreeFiles.readUnder(reader, target.getTree(), guard.directory()));
  }

  private Integration refused(NodeId sender, RevCommit ours, String reason) {
    LOG.info("{}: not integrating what {} sent: {}", layout, sender, reason);
    return Integration.builder()
        .sender(sender)
        .outcome(Outcome.REFUSED)
        .head(Optional.ofNullable(ours).map(JGitVersionStore::revision))
        .refusal(reason)
        .build();
  }

  @Override
  public SortedMap<RelativePath, byte[]> filesUnder(RelativePath directory, Revision revision) {
    try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
      return TreeFiles.readUnder(reader, parse(walk, revision).getTree(), directory);
    } catch (IOException e) {
      throw failure("read " + directory + " at " + revision.abbreviated() + " from the history of", e);
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
   * Moves the working tree, the index and then the branch from {@code ours} to {@code target},
   * under a journal so that a crash midway is finished on the next open. Changes nothing and
   * reports DEFERRED when a file it would write holds an uncommitted edit.
   */
  private Integration moveTo(NodeId sender, Outcome outcome, RevCommit ours, RevCommit target,
      List<MergePlan.Conflict> conflicts, ObjectReader reader) throws IOException {
    List<Change> changes = TreeFiles.changes(reader, ours == null ? null : ours.getTree(), target.getTree());
    List<String> edited = checkout.edited(changes);
    if (!edited.isEmpty()) {
      LOG.info("{}: not integrating {} from {} yet: uncommitted edits in {}", layout, target.name(),
          sender, edited);
      return outcome(sender, Outcome.DEFERRED, ours, List.of(), List.of());
    }
    String why = outcome == Outcome.MERGED ? "merge " + sender : "fast-forward " + sender;
    if (changes.isEmpty()) {
      moveMain(ours, target, mover(), why);
    } else {
      journal.begin(ours, target);
      try (Progress.Task task = progress.start("updating " + layout.folder(), changes.size())) {
        checkout.apply(changes, reader, task);
      }
      moveMain(ours, target, mover(), why);
      journal.end();
    }
    List<RelativePath> changed = new ArrayList<>();
    changes.forEach(c -> relative(c.path()).ifPresent(changed::add));
    return outcome(sender, outcome, target, changed, conflicts);
  }

  /**
   * What a store does first after opening: removes lock files a killed process left (only gtfc
   * writes this repository, and the caller holds the folder lock), then finishes a checkout that a
   * crash interrupted. A working file that is neither the old nor the new version is kept.
   */
  void recover() {
    try (FolderLock held = lock()) {
      removeStaleLocks();
      Optional<CheckoutJournal.Move> move = journal.read();
      if (move.isEmpty()) {
        journal.end();
        return;
      }
      ObjectId from = move.get().from();
      ObjectId to = move.get().to();
      try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
        RevCommit target;
        RevCommit origin;
        try {
          target = walk.parseCommit(to);
          origin = from == null ? null : walk.parseCommit(from);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
          LOG.warn("{}: an interrupted checkout names a missing commit; leaving the folder as it is", layout);
          journal.end();
          return;
        }
        List<Change> changes = TreeFiles.changes(reader, origin == null ? null : origin.getTree(), target.getTree());
        for (Change change : changes) {
          files.deleteTemporaryFilesBeside(change.path());
        }
        checkout.apply(changes, reader, Progress.Task.NONE);
        indexEdits.flush();
        ObjectId head = mainId();
        if (Objects.equals(head, from)) {
          moveMain(from, to, mover(), "finish an interrupted checkout");
        } else if (!to.equals(head)) {
          LOG.warn("{}: the branch moved to {} after a checkout to {} was interrupted; leaving it there",
              layout, head == null ? "nothing" : head.name(), to.name());
        }
        LOG.info("{}: finished a checkout of {} that was interrupted", layout, to.name());
      }
      journal.end();
    } catch (IOException e) {
      throw failure("recover the interrupted work in", e);
    }
  }

  /**
   * Git's lock files in the git directory. Locks on inbox refs may belong to a push being received
   * right now by another process: only those older than {@link Refs#LOCK_STALE_AFTER} are taken as
   * stale, the same rule the transport applies while it runs.
   */
  private void removeStaleLocks() throws IOException {
    Path gitDir = layout.gitDir();
    for (String name : List.of("index.lock", "HEAD.lock", "packed-refs.lock")) {
      if (Files.deleteIfExists(gitDir.resolve(name))) {
        LOG.info("{}: removed the stale lock file {}", layout, name);
      }
    }
    Path refs = gitDir.resolve(Constants.R_REFS);
    if (!Files.isDirectory(refs)) {
      return;
    }
    Path inboxes = gitDir.resolve(Refs.INBOX_PREFIX);
    Instant staleBefore = Instant.now().minus(Refs.LOCK_STALE_AFTER);
    List<Path> locks = new ArrayList<>();
    Files.walkFileTree(refs, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (file.getFileName().toString().endsWith(".lock")) {
          locks.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // a push being received just renamed its lock into place
        }
        throw e;
      }
    });
    for (Path lock : locks) {
      try {
        if (lock.startsWith(inboxes)
            && Files.getLastModifiedTime(lock).toInstant().isAfter(staleBefore)) {
          continue;
        }
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (Files.deleteIfExists(lock)) {
        LOG.info("{}: removed the stale lock file {}", layout, gitDir.relativize(lock));
      }
    }
  }

  private static Integration outcome(NodeId sender, Outcome outcome, ObjectId head,
      List<RelativePath> changed, List<MergePlan.Conflict> conflicts) {
    return Integration.builder()
        .sender(sender)
        .outcome(outcome)
        .head(Optional.ofNullable(head).map(JGitVersionStore::revision))
        .changedPaths(changed)
        .conflicts(conflicts)
        .build();
  }

  @Override
  public Optional<Revision> commitPaths(Collection<RelativePath> paths, CommitSpec spec) {
    return commitPaths(paths, spec, false);
  }

  @Override
  public Optional<Revision> commitPathsFirst(Collection<RelativePath> paths, CommitSpec spec) {
    return commitPaths(paths, spec, true);
  }

  private Optional<Revision> commitPaths(Collection<RelativePath> paths, CommitSpec spec, boolean indexLater) {
    try (FolderLock held = lock(); ObjectInserter inserter = inserterFor(paths.size());
        ObjectReader reader = inserter.newReader(); RevWalk walk = new RevWalk(reader)) {
      ObjectId head = mainId();
      RevTree headTree = head == null ? null : walk.parseCommit(head).getTree();
      Tracked tracked = new Tracked(reader, headTree);
      Map<String, Optional<WorkingFiles.Found>> staged = new TreeMap<>();
      for (RelativePath path : paths) {
        stage(path.value(), tracked, inserter, reader, staged);
      }
      Map<String, FileEntry> changes = new HashMap<>();
      Map<String, DirCacheEditor.PathEdit> edits = new TreeMap<>();
      int staleStat = 0;
      for (Map.Entry<String, Optional<WorkingFiles.Found>> s : staged.entrySet()) {
        String path = s.getKey();
        Optional<WorkingFiles.Found> found = s.getValue();
        changes.put(path, found.map(WorkingFiles.Found::entry).orElse(null));
        DirCacheEntry current = tracked.entry(path);
        if (found.isEmpty() ? current != null : current == null || !sameContent(current, found.get())) {
          edits.put(path, found.isEmpty() ? new DirCacheEditor.DeletePath(path) : indexEntry(path, found.get()));
        } else if (found.isPresent() && !indexed(current, found.get())) {
          edits.put(path, indexEntry(path, found.get()));
          staleStat++;
        }
      }
      // only the stat data of a few entries is stale (the echo of a checkout, or files the head
      // has and whose stat data is in the index file only): not worth rewriting the whole index
      // for; those files are hashed once more when the whole folder is looked at
      boolean edited = edits.size() > staleStat || staleStat > STAT_ONLY_REWRITE;
      ObjectId tree = new TreeUpdate(reader, inserter).apply(headTree, changes);
      boolean unchanged = headTree == null
          ? changes.values().stream().allMatch(Objects::isNull)
          : headTree.equals(tree);
      if (edited) {
        edits.forEach(indexEdits::put);
        if (!indexLater) {
          indexEdits.flush();
        } // else written by writeCaches(), after the commit went out
      }
      if (unchanged) {
        return Optional.empty();
      }
      ObjectId commit = insertCommit(inserter, tree, spec, head == null ? List.of() : List.of(head));
      moveMain(head, commit, ident(spec), "commit");
      return Optional.of(revision(commit));
    } catch (IOException e) {
      throw failure("commit changes of", e);
    }
  }

  /**
   * What the index holds for the paths of one commit: {@link IndexEdits} over the head's tree,
   * each path looked up once.
   */
  private final class Tracked {
    private final ObjectReader reader;
    private final RevTree head;
    private final Map<String, Optional<DirCacheEntry>> seen = new HashMap<>();

    Tracked(ObjectReader reader, RevTree head) {
      this.reader = reader;
      this.head = head;
    }

    /** Null when the path is not tracked. */
    DirCacheEntry entry(String path) throws IOException {
      Optional<DirCacheEntry> known = seen.get(path);
      if (known == null) {
        known = Optional.ofNullable(indexEdits.entry(path, reader, head));
        seen.put(path, known);
      }
      return known.orElse(null);
    }

    List<DirCacheEntry> within(String path) throws IOException {
      return indexEdits.entriesWithin(path, reader, head);
    }
  }

  /** Whether the index records this file's content and mode as found (its stat data aside). */
  private static boolean sameContent(DirCacheEntry entry, WorkingFiles.Found found) {
    return entry.getRawMode() == found.entry().mode().getBits() && entry.getObjectId().equals(found.entry().id());
  }

  /** Whether the index already records this file as found: same content, mode and stat data. */
  private static boolean indexed(DirCacheEntry entry, WorkingFiles.Found found) {
    return entry.getRawMode() == found.entry().mode().getBits()
        && entry.getObjectId().equals(found.entry().id())
        && entry.getLength() == (int) found.length()
        && entry.getLastModifiedInstant().equals(found.modified());
  }

  /**
   * Loose objects for a few paths; one pack for many, which is written faster than thousands of
   * files and which a push then sends without compressing every object again. The pack is
   * compressed at zlib's fastest level, as git compresses its loose objects; JGit's pack inserter
   * defaults to the slowest, which compresses text 3-8 times slower for packs about 5% smaller.
   */
  private ObjectInserter inserterFor(int paths) {
    if (paths >= PACKED_COMMIT_PATHS && repository.getObjectDatabase() instanceof ObjectDirectory objects) {
      PackInserter packed = objects.newPackInserter();
      packed.checkExisting(true);
      packed.setCompressionLevel(Deflater.BEST_SPEED);
      return packed;
    }
    return repository.newObjectInserter();
  }

  /**
   * What committing {@code path} records: the file as it is now, every file under a directory
   * (and the removal of tracked files gone from it), or the removal of whatever was tracked there.
   */
  private void stage(String path, Tracked tracked, ObjectInserter inserter, ObjectReader reader,
      Map<String, Optional<WorkingFiles.Found>> staged) throws IOException {
    if (WorkingFiles.namesGitFile(path)) {
      return;
    }
    for (DirCacheEntry file : tracked.within(path)) {
      staged.putIfAbsent(file.getPathString(), Optional.empty());
    }
    DirCacheEntry here = tracked.entry(path);
    if (here != null) {
      staged.putIfAbsent(path, Optional.empty());
    }
    Optional<WorkingFiles.Found> found = stageFile(path, here, inserter, reader, staged);
    if (found.isPresent() && found.get().directory()) {
      for (String below : files.filesBelow(path)) {
        stageFile(below, tracked.entry(below), inserter, reader, staged);
      }
    }
  }

  /**
   * Stages the file at {@code path}, if a file is there; returns what is there. The content the
   * index records for the path ({@code tracked}, null when none) is compared first, byte for
   * byte: the echo of a checkout then costs no hashing.
   */
  private Optional<WorkingFiles.Found> stageFile(String path, DirCacheEntry tracked, ObjectInserter inserter,
      ObjectReader reader, Map<String, Optional<WorkingFiles.Found>> staged) throws IOException {
    Optional<WorkingFiles.Found> stored =
        files.store(path, inserter, reader, tracked == null ? null : tracked.getObjectId());
    if (stored.isPresent() && !FileMode.MISSING.equals(stored.get().entry().mode())
        && !stored.get().directory()) {
      staged.put(path, stored);
    }
    return stored;
  }

  private static DirCacheEditor.PathEdit indexEntry(String path, WorkingFiles.Found found) {
    return new DirCacheEditor.PathEdit(path) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(found.entry().mode());
        entry.setObjectId(found.entry().id());
        entry.setLength(found.length());
        entry.setLastModified(found.modified());
      }
    };
  }

  @Override
  public Optional<byte[]> readAt(RelativePath path, Revision revision) {
    try (RevWalk walk = new RevWalk(repository)) {
      return read(path, parse(walk, revision).getTree());
    } catch (IOException e) {
      throw failure("read " + path + " at " + revision.abbreviated() + " from the history of", e);
    }
  }

  private Optional<byte[]> read(RelativePath path, RevTree tree) throws IOException {
    try (TreeWalk entry = TreeWalk.forPath(repository, path.value(), tree)) {
      if (entry == null || entry.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
        return Optional.empty();
      }
      try (InputStream in = repository.open(entry.getObjectId(0), Constants.OBJ_BLOB).openStream()) {
        return Optional.of(in.readAllBytes());
      }
    }
  }

  @Override
  public List<RelativePath> filesAt(Revision revision) {
    try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
      return TreeFiles.read(reader, parse(walk, revision).getTree()).keySet().stream()
          .map(this::relative).flatMap(Optional::stream).sorted().toList();
    } catch (IOException e) {
      throw failure("list the files of " + revision.abbreviated() + " in", e);
    }
  }

  @Override
  public void deleteFile(RelativePath path) {
    refuseGitFile(path);
    try (FolderLock held = lock()) {
      files.delete(path.value());
    } catch (IOException e) {
      throw failure("delete " + path + " in", e);
    }
  }

  @Override
  public Optional<Revision> revisionAt(Instant time) {
    try (RevWalk walk = new RevWalk(repository)) {
      ObjectId head = mainId();
      if (head == null) {
        return Optional.empty();
      }
      walk.sort(RevSort.COMMIT_TIME_DESC);
      walk.markStart(walk.parseCommit(head));
      for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
        if (!Instant.ofEpochSecond(commit.getCommitTime()).isAfter(time)) {
          return Optional.of(revision(commit));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw failure("look up the history of", e);
    }
  }

  @Override
  public int trackedFileCount() {
    try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
      ObjectId head = mainId();
      return head == null ? 0 : TreeFiles.count(reader, walk.parseCommit(head).getTree());
    } catch (IOException e) {
      throw failure("count the files of", e);
    }
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

  /**
   * Newest first. The paths of an entry are those its commit changed against its real first
   * parent: the walk that filters by path rewrites parents, so a second walk reads them.
   */
  @Override
  public List<HistoryEntry> history(Optional<RelativePath> path, int limit) {
    try (RevWalk walk = new RevWalk(repository); RevWalk plain = new RevWalk(repository);
        ObjectReader reader = repository.newObjectReader()) {
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
        entries.add(entry(plain.parseCommit(commit), plain, reader));
      }
      return entries;
    } catch (IOException e) {
      throw failure("read the history of", e);
    }
  }

  /** {@code commit} must come from {@code walk}, unfiltered, so that its parents are its real ones. */
  private HistoryEntry entry(RevCommit commit, RevWalk walk, ObjectReader reader) throws IOException {
    return HistoryEntry.builder()
        .revision(revision(commit))
        .author(commit.getAuthorIdent().getName())
        .when(commit.getAuthorIdent().getWhenAsInstant())
        .message(commit.getFullMessage())
        .parents(Stream.of(commit.getParents()).map(JGitVersionStore::revision).toList())
        .paths(changedBy(commit, walk, reader))
        .build();
  }

  @Override
  public HistoryEntry describe(Revision revision) {
    try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
      return entry(parse(walk, revision), walk, reader);
    } catch (IOException e) {
      throw failure("read " + revision.abbreviated() + " from the history of", e);
    }
  }

  @Override
  public String diff(Optional<Revision> from, Optional<Revision> to, Optional<RelativePath> path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
        DiffFormatter formatter = new DiffFormatter(out)) {
      formatter.setRepository(repository);
      formatter.setDetectRenames(true);
      path.ifPresent(p -> formatter.setPathFilter(PathFilter.create(p.value())));
      RevCommit end = to.isPresent() ? parse(walk, to.get()) : null;
      RevCommit start;
      if (from.isPresent()) {
        start = parse(walk, from.get());
      } else if (end != null) {
        start = end.getParentCount() == 0 ? null : walk.parseCommit(end.getParent(0));
      } else {
        ObjectId head = mainId();
        start = head == null ? null : walk.parseCommit(head);
      }
      AbstractTreeIterator before = start == null ? new EmptyTreeIterator() : tree(reader, start);
      AbstractTreeIterator after = end == null ? new FileTreeIterator(repository) : tree(reader, end);
      formatter.format(before, after);
      formatter.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("compare versions of", e);
    }
  }

  private static AbstractTreeIterator tree(ObjectReader reader, RevCommit commit) throws IOException {
    CanonicalTreeParser parser = new CanonicalTreeParser();
    parser.reset(reader, commit.getTree());
    return parser;
  }

  @Override
  public List<String> verify() {
    return new HistoryCheck(repository).problems();
  }

  private List<RelativePath> changedBy(RevCommit commit, RevWalk walk, ObjectReader reader)
      throws IOException {
    RevTree parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0)).getTree();
    List<RelativePath> paths = new ArrayList<>();
    for (Change change : TreeFiles.changes(reader, parent, commit.getTree())) {
      relative(change.path()).ifPresent(paths::add);
    }
    paths.sort(null);
    return paths;
  }

  @Override
  public FolderLock lock() {
    FolderLock held = mutex.acquire();
    files.forgetDirectories();
    return held;
  }

  /** Closing twice is harmless; JGit would complain about its use count. */
  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      try {
        writeCaches();
      } catch (GtfcException e) {
        LOG.warn("{}: the index was not written ({}); it is read again from the files next time", layout,
            e.getMessage());
      } finally {
        repository.close();
      }
    }
  }

  @Override
  public void writeCaches() {
    if (!indexEdits.dirty()) {
      return;
    }
    try {
      DirCache index = DirCache.read(repository); // before the lock: changes need not wait for it
      try (FolderLock held = lock()) {
        indexEdits.flush(index);
      }
    } catch (IOException e) {
      throw failure("write the index of", e);
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
  private void moveMain(ObjectId expected, ObjectId next, PersonIdent who, String why)
      throws IOException {
    RefUpdate update = repository.updateRef(Refs.MAIN);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setNewObjectId(next);
    update.setRefLogIdent(who);
    update.setRefLogMessage("gtfc " + why, false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
      default -> throw new GtfcException(Problem.BAD_STATE, "the branch of '" + layout
          + "' was changed by another program meanwhile (" + result + "): try again");
    }
  }

  /** Who moves the branch to a commit another node made, for the reflog. */
  private static PersonIdent mover() {
    return new PersonIdent(DeterministicMerge.NAME, DeterministicMerge.EMAIL);
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
