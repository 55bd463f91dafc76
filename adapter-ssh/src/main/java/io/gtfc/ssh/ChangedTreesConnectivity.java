package io.gtfc.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdSubclassMap;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.ReachabilityChecker;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ConnectivityChecker;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Checks that a received pack leaves no pushed commit pointing at a missing object, at a cost that
 * grows with what the pack changes, not with the folder. JGit's default check marks everything the
 * receiver already has as uninteresting, which walks every tree and file of the parent commit: about
 * 100,000 objects, and the garbage that goes with them, for a one-file change in a big folder.
 *
 * <p>This one compares each received commit's tree with its parents' trees and looks only into
 * what differs: a file that is new must be in the repository, a folder that is new must be in the
 * pack (and is checked the same way, one level down) or, when it is an older folder that came back
 * (a revert, a move), is checked all the way down, because an object left over from a refused push
 * may be in the repository without what it points to. Commits outside the pack must be in the
 * repository and reachable from a ref. The pack's own object ids come from the parser, so the
 * receive-pack must retain them ({@code setRetainParsedObjectIDs(true)}).
 */
final class ChangedTreesConnectivity implements ConnectivityChecker {

  @Override
  public void checkConnectivity(ConnectivityCheckInfo info, Set<ObjectId> haves, ProgressMonitor monitor)
      throws IOException {
    ObjectIdSubclassMap<ObjectId> inPack = info.getParser().getNewObjectIds();
    ObjectReader reader = info.getWalk().getObjectReader();
    try (RevWalk walk = new RevWalk(reader)) {
      List<RevCommit> received = new ArrayList<>();
      List<RevCommit> before = new ArrayList<>();
      for (ReceiveCommand command : info.getCommands()) {
        if (command.getType() != ReceiveCommand.Type.DELETE && !haves.contains(command.getNewId())) {
          walk.markStart(walk.parseCommit(command.getNewId()));
        }
      }
      for (RevCommit commit = walk.next(); commit != null; commit = walk.next()) {
        monitor.update(1);
        if (inPack.contains(commit)) {
          received.add(commit);
        } else {
          walk.markUninteresting(commit); // already here: its own history was checked when it came
          if (!haves.contains(commit)) {
            before.add(commit);
          }
        }
      }
      if (!before.isEmpty()) {
        requireReachable(walk, info.getRepository().getRefDatabase().getRefs(), before);
      }
      Set<ObjectId> checkedTrees = new HashSet<>();
      for (RevCommit commit : received) {
        checkTree(reader, commit, inPack, checkedTrees);
        monitor.update(1);
      }
    }
  }

  /** Commits that are not in the pack and not advertised: in the repository and reachable from a ref. */
  private static void requireReachable(RevWalk walk, List<Ref> refs, List<RevCommit> commits) throws IOException {
    List<RevCommit> tips = new ArrayList<>();
    for (Ref ref : refs) {
      ObjectId id = ref.getObjectId();
      if (id != null && walk.getObjectReader().has(id, Constants.OBJ_COMMIT)) {
        tips.add(walk.parseCommit(id));
      }
    }
    ReachabilityChecker checker = walk.getObjectReader().createReachabilityChecker(walk);
    Optional<RevCommit> unreachable = checker.areAllReachable(commits, tips.stream());
    if (unreachable.isPresent()) {
      throw new MissingObjectException(unreachable.get(), Constants.TYPE_COMMIT);
    }
  }

  /** The commit's tree against its parents' trees, descending only where they differ. */
  private static void checkTree(ObjectReader reader, RevCommit commit, ObjectIdSubclassMap<ObjectId> inPack,
      Set<ObjectId> checkedTrees) throws IOException {
    if (!inPack.contains(commit.getTree())) {
      checkWhole(reader, commit.getTree(), checkedTrees);
      return;
    }
    try (TreeWalk trees = new TreeWalk(reader)) {
      trees.addTree(commit.getTree());
      for (RevCommit parent : commit.getParents()) {
        trees.addTree(parent.getTree());
      }
      while (trees.next()) {
        FileMode mode = trees.getFileMode(0);
        ObjectId id = trees.getObjectId(0);
        if (mode == FileMode.MISSING || mode == FileMode.GITLINK || ChangedObjects.inAParent(trees)) {
          continue;
        }
        if (!trees.isSubtree()) {
          requirePresent(reader, inPack, id, mode.getObjectType());
        } else if (inPack.contains(id)) {
          if (checkedTrees.add(id.copy())) {
            trees.enterSubtree();
          }
        } else {
          checkWhole(reader, id, checkedTrees);
        }
      }
    }
  }

  /** An older tree that the new commit points to: every tree and file below it must be here. */
  private static void checkWhole(ObjectReader reader, AnyObjectId tree, Set<ObjectId> checkedTrees)
      throws IOException {
    if (!checkedTrees.add(tree.copy())) {
      return;
    }
    if (!reader.has(tree, Constants.OBJ_TREE)) {
      throw new MissingObjectException(tree.copy(), Constants.TYPE_TREE);
    }
    try (TreeWalk below = new TreeWalk(reader)) {
      below.addTree(tree);
      below.setRecursive(true);
      while (below.next()) {
        FileMode mode = below.getFileMode(0);
        if (mode != FileMode.GITLINK && !reader.has(below.getObjectId(0), mode.getObjectType())) {
          throw new MissingObjectException(below.getObjectId(0), mode.getObjectType());
        }
      }
    }
  }

  private static void requirePresent(ObjectReader reader, ObjectIdSubclassMap<ObjectId> inPack, ObjectId id,
      int type) throws IOException {
    if (!inPack.contains(id) && !reader.has(id, type)) {
      throw new MissingObjectException(id, type);
    }
  }
}
