package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * One synced folder and its history: the working tree the user edits, the working branch
 * ({@code main}), and one inbox per sender ({@code refs/gtfc/inbox/<node>}) into which peers
 * push and from which fetches land. Nothing here talks to the network.
 *
 * <p>Threading: every method is safe to call from any thread. Methods that change the branch or
 * the working tree serialise on the folder's lock (see {@link #lock()}), which also excludes
 * other processes working on the same folder. Instances are obtained from {@link VersionStores}
 * and must be closed.
 *
 * <p>Errors: a {@link GtfcException} means the operation could not be done and nothing was
 * changed; unchecked I/O problems surface as {@code GtfcException(ENVIRONMENT, ...)}.
 */
public interface VersionStore extends AutoCloseable {

  FolderLayout layout();

  /** The head of the working branch; empty while the folder has no commit yet. */
  Optional<Revision> head();

  /**
   * Files in the working tree that differ from the head: added, changed or deleted, ignoring the
   * {@code .git} file. Empty when there is nothing to commit.
   */
  List<RelativePath> pendingChanges();

  /**
   * Commits every pending change of the working tree (additions, modifications, deletions) as
   * one commit on the working branch.
   *
   * @return the new commit, or empty when there was nothing to commit (no empty commits)
   */
  Optional<Revision> commitPending(CommitSpec spec);

  /** The content of {@code path} in the head commit; empty when absent or when there is no head. */
  Optional<byte[]> readAtHead(RelativePath path);

  /**
   * Writes {@code content} to {@code path} in the working tree, creating parent directories. The
   * file is replaced atomically: a reader sees the old or the new content, never a mix.
   */
  void writeFile(RelativePath path, byte[] content);

  /** The current head of every sender's inbox, by sender. Empty when no peer has sent anything. */
  Map<NodeId, Revision> inbox();

  /**
   * Brings the head of {@code sender}'s inbox into the working branch and the working tree:
   * nothing when it is already contained, a fast-forward when the branch is its ancestor
   * (including when the branch has no commit yet), otherwise a merge planned by the domain's
   * {@code TreeMerge} (text edits merged line by line, else keep-both with conflict copies).
   *
   * <p>Merges are deterministic: parents in canonical order (ascending id), author and
   * committer {@code gtfc <merge@gtfc>}, commit time the later of the parents' commit times,
   * message {@code gtfc: merge}; so two stores merging the same pair make the same commit id.
   *
   * <p>Pending local edits are normally committed first (the caller holds {@link #lock()} across
   * both steps). Whenever a file the integration would write or delete holds an uncommitted edit
   * (made meanwhile, or not committed on purpose: a watched folder commits its edits only when
   * they are in the way), the store does not overwrite it and reports
   * {@link Integration.Outcome#DEFERRED}, changing nothing.
   *
   * <p>Crash safety: the branch and the working tree move together; a store opened after a crash
   * in the middle of this method finishes or undoes it before doing anything else. What the store
   * keeps only to be quick (the index) may be left in memory for {@link #writeCaches}, so that the
   * pusher can be answered first.
   *
   * @return what happened; {@link Integration.Outcome#UP_TO_DATE} if the sender has no inbox
   */
  default Integration integrate(NodeId sender) {
    return integrate(sender, IntegrationGuard.NONE);
  }

  /**
   * As {@link #integrate(NodeId)}, but first shows {@code guard} the files under its directory
   * before (at the head) and after (in the tree the fast-forward or merge would produce). If the
   * guard refuses, nothing changes (branch, working tree and inbox stay as they are) and the
   * outcome is {@link Integration.Outcome#REFUSED} with the guard's reason. The guard is not
   * asked when there is nothing to integrate.
   */
  Integration integrate(NodeId sender, IntegrationGuard guard);

  /**
   * The files under {@code directory} in {@code revision}, by path, with their content, in path
   * order; empty when there are none. Reads only that directory, however large the tree.
   */
  SortedMap<RelativePath, byte[]> filesUnder(RelativePath directory, Revision revision);

  /**
   * Commits exactly the listed paths as they are now in the working tree (a path that no longer
   * exists is recorded as deleted; a directory path covers the files under it), nothing else.
   * Cheap for few paths in a large folder: it does not scan the whole tree.
   *
   * @return the new commit, or empty when none of the paths differs from the head
   */
  Optional<Revision> commitPaths(Collection<RelativePath> paths, CommitSpec spec);

  /**
   * As {@link #commitPaths}, but what the store keeps only to be quick (the index) may be left in
   * memory for {@link #writeCaches}, so that the commit can go out to the peers first.
   */
  default Optional<Revision> commitPathsFirst(Collection<RelativePath> paths, CommitSpec spec) {
    return commitPaths(paths, spec);
  }

  /**
   * Writes out what {@link #commitPathsFirst} or an integration left in memory, if anything; takes
   * the folder lock.
   * Closing the store does it too.
   */
  default void writeCaches() {
  }

  /** The content of {@code path} in {@code revision}; empty when absent there. */
  Optional<byte[]> readAt(RelativePath path, Revision revision);

  /** The files of {@code revision}'s tree, in path order. */
  List<RelativePath> filesAt(Revision revision);

  /** Deletes {@code path} from the working tree (and empty parent directories); nothing if absent. */
  void deleteFile(RelativePath path);

  /** The newest commit of the working branch made at or before {@code time}; empty if none. */
  Optional<Revision> revisionAt(Instant time);

  /** How many files the head commit holds; 0 without a head. */
  int trackedFileCount();

  /** Ahead/behind counts of {@code ours} against {@code theirs}; both must be in this store. */
  Divergence compare(Revision ours, Revision theirs);

  /** Whether the commit exists in this store's object database. */
  boolean contains(Revision revision);

  /**
   * The history of the working branch, newest first, at most {@code limit} entries; only commits
   * touching {@code path} when it is given. Empty when there is no commit.
   */
  List<HistoryEntry> history(Optional<RelativePath> path, int limit);

  /**
   * One commit as {@link #history} shows it; the commit may be any commit of this store, an
   * inbox head as well as a commit of the working branch.
   *
   * @throws GtfcException BAD_INPUT when the commit is not in this store
   */
  HistoryEntry describe(Revision revision);

  /**
   * The difference between two versions of the folder as a unified diff (git's format, 3 lines of
   * context, paths prefixed {@code a/} and {@code b/}), limited to {@code path} (a file or a
   * directory) when it is given. {@code to} empty means the working tree as it is now; {@code
   * from} empty means the first parent of {@code to} (nothing for a root commit), or the head when
   * {@code to} is the working tree. Binary files are named, not printed. Reads only.
   *
   * @return the diff, empty when there is no difference
   * @throws GtfcException BAD_INPUT when a revision is not in this store
   */
  String diff(Optional<Revision> from, Optional<Revision> to, Optional<RelativePath> path);

  /**
   * Checks the repository as {@code git fsck} would: every object reachable from the branch and
   * the inboxes is present, readable and well-formed. Reads every object: slow on a large history.
   *
   * @return one line per problem found; empty when the history is sound
   */
  List<String> verify();

  /**
   * Takes the folder's exclusive lock, waiting for other threads and processes to release it.
   * Reentrant for the thread that holds it. Closing the returned handle releases it.
   */
  FolderLock lock();

  /** Releases the repository; the folder and its history stay on disk. */
  @Override
  void close();
}
