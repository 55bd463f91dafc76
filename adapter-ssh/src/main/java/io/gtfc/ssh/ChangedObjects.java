package io.gtfc.ssh;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What a push must send, found by comparing each new commit's tree with its parents' trees: the
 * new commits, and every folder and file of theirs that differs from the same path in all of the
 * commit's parents. JGit's own push marks everything the peer has as uninteresting first, which
 * walks every folder and file of the parent commit (about 100,000 objects in a big folder) for a
 * one-file change; this costs what the change costs.
 *
 * <p>Why nothing is missing: a folder or file that equals the one at its path in some parent is in
 * that parent's tree, and the parent is either one the peer has (with everything below it, the
 * peer's receive-pack checks that) or one sent here, whose own changes are sent. A folder or file
 * the peer happens to hold at another path (a move, a revert) is sent again: a few bytes more,
 * and the peer's check then finds it in the pack instead of walking it.
 */
final class ChangedObjects {
  private ChangedObjects() {}

  /**
   * The objects reachable from {@code tip} that are not reachable from {@code theirs} by the rule
   * above, newest commits first, then each commit's changed folders and files. Ids in
   * {@code theirs} this repository does not have, or that are not commits, are left out.
   */
  static List<RevObject> toSend(ObjectReader reader, AnyObjectId tip, Collection<? extends AnyObjectId> theirs)
      throws IOException {
    try (RevWalk walk = new RevWalk(reader)) {
      walk.markStart(walk.parseCommit(tip));
      for (AnyObjectId id : theirs) {
        if (reader.has(id, Constants.OBJ_COMMIT)) {
          walk.markUninteresting(walk.parseCommit(id));
        }
      }
      List<RevCommit> commits = new ArrayList<>();
      for (RevCommit commit : walk) {
        commits.add(commit);
      }
      List<RevObject> objects = new ArrayList<>(commits);
      RevFlag added = walk.newFlag("added");
      for (RevCommit commit : commits) {
        addChanges(walk, commit, added, objects);
      }
      return objects;
    }
  }

  private static void addChanges(RevWalk walk, RevCommit commit, RevFlag added, List<RevObject> objects)
      throws IOException {
    RevCommit[] parents = commit.getParents();
    for (RevCommit parent : parents) {
      walk.parseHeaders(parent);
      if (parent.getTree().equals(commit.getTree())) {
        return; // the whole tree is a parent's: nothing new below it
      }
    }
    add(walk.lookupTree(commit.getTree()), added, objects);
    try (TreeWalk trees = new TreeWalk(walk.getObjectReader())) {
      trees.addTree(commit.getTree());
      for (RevCommit parent : parents) {
        trees.addTree(parent.getTree());
      }
      while (trees.next()) {
        FileMode mode = trees.getFileMode(0);
        if (mode == FileMode.MISSING || mode == FileMode.GITLINK || inAParent(trees)) {
          continue;
        }
        ObjectId id = trees.getObjectId(0);
        if (trees.isSubtree()) {
          if (add(walk.lookupTree(id), added, objects)) {
            trees.enterSubtree();
          }
        } else {
          add(walk.lookupBlob(id), added, objects);
        }
      }
    }
  }

  /** Whether the walk's current entry (tree 0) equals the one at its path in some parent (the trees after it). */
  static boolean inAParent(TreeWalk trees) {
    for (int parent = 1; parent < trees.getTreeCount(); parent++) {
      if (trees.getFileMode(parent) != FileMode.MISSING && trees.idEqual(0, parent)) {
        return true;
      }
    }
    return false;
  }

  /** Adds {@code object} unless it was added already; says whether it was new (a folder seen once is walked once). */
  private static boolean add(RevObject object, RevFlag added, List<RevObject> objects) {
    if (object.has(added)) {
      return false;
    }
    object.add(added);
    objects.add(object);
    return true;
  }
}
