package io.gtfc.watch.kqueue;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderChange.Kind;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.watch.kqueue.Node.Entry;
import io.gtfc.watch.kqueue.Node.Type;
import io.gtfc.watch.kqueue.internal.Kernel;
import io.gtfc.watch.kqueue.internal.Kevent;
import io.gtfc.watch.kqueue.internal.NativeConstants;
import io.gtfc.watch.kqueue.internal.Platform;
import io.gtfc.watch.kqueue.internal.SystemCallFailed;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The folder as kqueue sees it: one watched descriptor per file and directory, and what each
 * directory held when last listed. Turns batches of kevents into {@link FolderChange}s.
 *
 * <p>kqueue says <em>that</em> a directory changed (NOTE_WRITE), never <em>which</em> entry: the
 * directory is listed again and compared with the last listing, entry by entry (name, type,
 * inode). An inode that left one name and arrived at another in the same batch is a move; one
 * that left for good was deleted, or moved out of the folder when its own descriptor saw
 * NOTE_RENAME. kqueue has no close-after-write either: a write to a file is reported as
 * MODIFIED and WRITTEN together, and the batching layer's quiet window waits for the writer to
 * finish.
 *
 * <p>Not thread-safe: the caller's thread builds it, then only the watch's reader thread uses it.
 */
final class WatchedTree {
  private static final String GIT_LINK = ".git";

  private final Kernel kernel;
  private final Platform platform;
  private final NativeConstants constants;
  private final int kqueue;
  private final Path folder;
  private final Predicate<RelativePath> ignored;
  private final Node root = Node.root();
  private final Map<Integer, Node> byDescriptor = new HashMap<>();

  WatchedTree(Kernel kernel, int kqueue, Path folder, Predicate<RelativePath> ignored) {
    this.kernel = kernel;
    this.platform = kernel.platform();
    this.constants = platform.constants();
    this.kqueue = kqueue;
    this.folder = folder;
    this.ignored = ignored;
  }

  /** Watches the folder and everything in it; what is already there is not reported. */
  void watchAll() {
    if (!Files.isDirectory(folder)) {
      throw new GtfcException(
          Problem.BAD_STATE,
          "cannot watch " + folder + ": it is missing or not a directory (is it mounted?)");
    }
    watch(root);
    if (!root.isWatched()) {
      throw new GtfcException(
          Problem.BAD_STATE,
          "cannot watch " + folder + ": it is missing, unreadable or not a directory");
    }
    populate(root, null);
  }

  /** Descriptors open for files and directories (the kqueue itself is not counted). */
  int openDescriptors() {
    return byDescriptor.size();
  }

  /** Closes every descriptor; the kernel drops their kevents with them. */
  void releaseAll() {
    for (int descriptor : byDescriptor.keySet()) {
      kernel.close(descriptor);
    }
    byDescriptor.clear();
  }

  /**
   * Adds to {@code changes} what a batch of kevents means, in the order a consumer can replay:
   * what left the folder before what arrived, then writes and attribute changes.
   *
   * @throws GtfcException when the folder root itself went away, or descriptors ran out
   */
  void apply(List<Kevent> events, List<FolderChange> changes) {
    // Resolve every event to its node before anything is closed or opened: the kernel hands a
    // closed descriptor's number to the next open, and a late event must not hit the newcomer.
    Map<Node, Integer> notes = new LinkedHashMap<>();
    for (Kevent event : events) {
      if (event.filter() != constants.evfiltVnode() || (event.flags() & constants.evError()) != 0) {
        continue;
      }
      Node node = byDescriptor.get((int) event.ident());
      if (node != null) {
        notes.merge(node, event.fflags(), (a, b) -> a | b);
      }
    }

    int gone = constants.noteDelete() | constants.noteRename() | constants.noteRevoke();
    int entriesChanged = constants.noteWrite() | constants.noteExtend() | constants.noteLink();
    int contentChanged = constants.noteWrite() | constants.noteExtend();
    Set<Node> toList = new LinkedHashSet<>();
    notes.forEach(
        (node, fflags) -> {
          if ((fflags & gone) != 0) {
            if (node.isRoot()) {
              throw new GtfcException(
                  Problem.BAD_STATE,
                  "the folder "
                      + folder
                      + " was deleted, moved or unmounted while being watched: put it back and"
                      + " start gtfc again");
            }
            node.noteGone(
                (fflags & constants.noteRename()) != 0, (fflags & constants.noteDelete()) != 0);
            toList.add(node.parent());
          }
          if (node.isDirectory() && (fflags & entriesChanged) != 0) {
            toList.add(node);
          }
        });

    listAgain(toList, changes);

    notes.forEach(
        (node, fflags) -> {
          if (!node.isWatched() || node.isRoot()) {
            return;
          }
          boolean written = !node.isDirectory() && (fflags & contentChanged) != 0;
          if (written) {
            changes.add(change(node.path(), Kind.MODIFIED, false));
            changes.add(change(node.path(), Kind.WRITTEN, false));
            contentStampChanged(node);
          }
          if ((fflags & constants.noteAttrib()) != 0) {
            changes.add(change(node.path(), Kind.ATTRIBUTES, node.isDirectory()));
            // Truncation may arrive as NOTE_ATTRIB alone: compare size and time to be sure.
            if (!written && !node.isDirectory() && contentStampChanged(node)) {
              changes.add(change(node.path(), Kind.MODIFIED, false));
              changes.add(change(node.path(), Kind.WRITTEN, false));
            }
          }
        });
  }

  /** How many descriptors the folder needs: its files and directories, plus the kqueue. */
  long descriptorsNeeded() {
    long[] count = {1};
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(folder) && skipped(dir)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              count[0]++;
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !skipped(file)) {
                count[0]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // The count is advice in an error message; a partial one is still worth printing.
    }
    return count[0];
  }

  /** A system call failure during a watch, as the one-line error a user can act on. */
  GtfcException refused(SystemCallFailed failure) {
    if (FileLimits.exhausted(platform, failure.errno())) {
      return FileLimits.exhaustedError(platform, folder, failure.errno(), descriptorsNeeded());
    }
    return new GtfcException(
        Problem.ENVIRONMENT,
        "kqueue cannot watch "
            + folder
            + ": "
            + failure.getMessage()
            + "; check the folder's file system and start gtfc again",
        failure);
  }

  private boolean skipped(Path path) {
    Path relative = folder.relativize(path);
    if (relative.getNameCount() == 1 && relative.toString().equals(GIT_LINK)) {
      return true;
    }
    try {
      return ignored.test(RelativePath.of(relative.toString().replace('\\', '/')));
    } catch (IllegalArgumentException unrepresentable) {
      return true;
    }
  }

  /**
   * Lists the directories again, parents first, and reports the difference. A directory that
   * moved with its parent is listed where the move took it, in a next round.
   */
  private void listAgain(Set<Node> directories, List<FolderChange> changes) {
    List<Node> pending = new ArrayList<>(directories);
    while (!pending.isEmpty()) {
      pending.sort(Comparator.comparingInt(Node::depth));
      List<Removal> removals = new ArrayList<>();
      List<Entry> arrivals = new ArrayList<>();
      List<Node> arrivalParents = new ArrayList<>();
      List<Node> deferred = new ArrayList<>();
      for (Node directory : pending) {
        if (directory.isAttached()) {
          compare(directory, removals, arrivals, arrivalParents);
        } else {
          deferred.add(directory);
        }
      }

      Map<Entry, Removal> moves = matchMoves(removals, arrivals);
      Set<Removal> moved = Set.copyOf(moves.values());
      // Everything that left is reported before everything that arrived, so that a name replaced
      // within one batch (an editor's atomic save) ends up present for a consumer replaying them.
      for (Removal removal : removals) {
        Kind kind;
        if (moved.contains(removal)) {
          kind = Kind.MOVED_AWAY;
        } else {
          kind =
              removal.node().renamed() && !removal.node().deleted()
                  ? Kind.MOVED_AWAY
                  : Kind.DELETED;
          release(removal.node());
        }
        reportLeaving(removal.node(), removal.oldPath(), kind, changes);
      }
      for (int i = 0; i < arrivals.size(); i++) {
        Entry entry = arrivals.get(i);
        Node parent = arrivalParents.get(i);
        Removal removal = moves.get(entry);
        if (removal != null) {
          Node node = removal.node();
          parent.attach(node, entry.name());
          node.seen(entry);
          node.clearGone();
          reportArriving(node, node.path(), Kind.MOVED_HERE, changes);
        } else {
          Node node = parent.adopt(entry);
          changes.add(change(node.path(), Kind.CREATED, node.isDirectory()));
          watch(node);
          if (node.isDirectory() && node.isWatched()) {
            populate(node, changes);
          }
        }
      }

      pending = new ArrayList<>();
      for (Node directory : deferred) {
        if (directory.isAttached()) {
          pending.add(directory);
        }
      }
    }
  }

  private record Removal(Node node, RelativePath oldPath) {}

  /**
   * Pairs each arrival with a removal of the same inode and type from this round. Only a vnode
   * that saw NOTE_RENAME (or that has no descriptor to see it) can have moved: file systems
   * reuse a deleted file's inode number at once, and a deleted vnode's descriptor watches
   * nothing any more.
   */
  private static Map<Entry, Removal> matchMoves(List<Removal> removals, List<Entry> arrivals) {
    Map<Object, Removal> byKey = new HashMap<>();
    for (Removal removal : removals) {
      Node node = removal.node();
      boolean mayHaveMoved = (node.renamed() || node.descriptor() < 0) && !node.deleted();
      if (node.fileKey() != null && mayHaveMoved) {
        byKey.putIfAbsent(node.fileKey(), removal);
      }
    }
    // Identity, not equality: two hard links may list as equal entries in two directories.
    Map<Entry, Removal> moves = new IdentityHashMap<>();
    for (Entry arrival : arrivals) {
      if (arrival.fileKey() == null) {
        continue;
      }
      Removal removal = byKey.get(arrival.fileKey());
      if (removal != null && removal.node().type() == arrival.type()) {
        byKey.remove(arrival.fileKey());
        moves.put(arrival, removal);
      }
    }
    return moves;
  }

  /** Detaches the children that are gone or replaced and collects the names that are new. */
  private void compare(
      Node directory, List<Removal> removals, List<Entry> arrivals, List<Node> arrivalParents) {
    Map<String, Entry> now = list(directory);
    if (now == null) {
      // Unreadable or gone: its parent's listing decides what happened to it.
      return;
    }
    for (Node child : List.copyOf(directory.children().values())) {
      Entry entry = now.get(child.name());
      // A name whose vnode saw NOTE_DELETE was replaced even when the new inode has the old
      // number: the descriptor still watches the deleted vnode.
      if (entry == null || !child.sameAs(entry) || child.deleted()) {
        removals.add(new Removal(child, child.path()));
        directory.detach(child);
      } else {
        child.clearGone();
      }
    }
    for (Entry entry : now.values()) {
      if (!directory.children().containsKey(entry.name())) {
        arrivals.add(entry);
        arrivalParents.add(directory);
      }
    }
  }

  /**
   * Adopts and watches everything in a directory that was just watched itself, so that an entry
   * created in between is either listed here or announced by the directory's own NOTE_WRITE.
   */
  private void populate(Node directory, List<FolderChange> changes) {
    Map<String, Entry> entries = list(directory);
    if (entries == null) {
      return;
    }
    for (Entry entry : entries.values()) {
      Node child = directory.adopt(entry);
      if (changes != null) {
        changes.add(change(child.path(), Kind.CREATED, child.isDirectory()));
      }
      watch(child);
      if (child.isDirectory() && child.isWatched()) {
        populate(child, changes);
      }
    }
  }

  /** The entries gtfc reports, or null when the directory cannot be listed. */
  private Map<String, Entry> list(Node directory) {
    Path path = pathOf(directory);
    Map<String, Entry> entries = new TreeMap<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
      for (Path child : stream) {
        String name = child.getFileName().toString();
        if (directory.isRoot() && name.equals(GIT_LINK)) {
          continue;
        }
        RelativePath relative;
        try {
          relative = directory.childPath(name);
        } catch (IllegalArgumentException unrepresentable) {
          continue;
        }
        if (ignored.test(relative)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes =
              Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException vanished) {
          continue;
        }
        Type type = typeOf(attributes);
        if (type != null) {
          entries.put(
              name,
              new Entry(
                  name,
                  type,
                  attributes.fileKey(),
                  attributes.size(),
                  attributes.lastModifiedTime()));
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      return null;
    }
    return entries;
  }

  /** Sockets, FIFOs and devices are not synced (and opening a FIFO would block). */
  private static Type typeOf(BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return Type.DIRECTORY;
    }
    if (attributes.isRegularFile()) {
      return Type.FILE;
    }
    if (attributes.isSymbolicLink()) {
      return Type.SYMLINK;
    }
    return null;
  }

  /**
   * Opens a descriptor for the node and asks for its vnode events. A symbolic link is not
   * opened: that would watch its target, which may lie outside the folder.
   */
  private void watch(Node node) {
    if (node.type() == Type.SYMLINK) {
      return;
    }
    int descriptor;
    try {
      descriptor = kernel.open(pathOf(node), platform.openFlags(node.isDirectory()));
    } catch (SystemCallFailed failure) {
      if (FileLimits.exhausted(platform, failure.errno())) {
        throw refused(failure);
      }
      // Gone already, or unreadable: its directory still reports it, but not its writes.
      return;
    }
    try {
      kernel.register(
          kqueue,
          Kevent.of(
              descriptor,
              constants.evfiltVnode(),
              constants.evAdd() | constants.evClear(),
              constants.allVnodeNotes()));
    } catch (SystemCallFailed failure) {
      kernel.close(descriptor);
      throw refused(failure);
    }
    node.descriptor(descriptor);
    byDescriptor.put(descriptor, node);
  }

  private void release(Node node) {
    for (Node child : node.children().values()) {
      release(child);
    }
    if (node.descriptor() >= 0) {
      byDescriptor.remove(node.descriptor(), node);
      kernel.close(node.descriptor());
      node.descriptor(-1);
    }
  }

  /** Children first, then the node itself, as they disappear from a file system. */
  private static void reportLeaving(
      Node node, RelativePath path, Kind kind, List<FolderChange> changes) {
    for (Map.Entry<String, Node> child : node.children().entrySet()) {
      reportLeaving(child.getValue(), path.resolve(child.getKey()), kind, changes);
    }
    changes.add(change(path, kind, node.isDirectory()));
  }

  /** The node first, then its children, as they appear on a file system. */
  private static void reportArriving(
      Node node, RelativePath path, Kind kind, List<FolderChange> changes) {
    changes.add(change(path, kind, node.isDirectory()));
    for (Map.Entry<String, Node> child : node.children().entrySet()) {
      reportArriving(child.getValue(), path.resolve(child.getKey()), kind, changes);
    }
  }

  private boolean contentStampChanged(Node node) {
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(pathOf(node), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return node.contentStampChanged(attributes.size(), attributes.lastModifiedTime());
    } catch (IOException vanished) {
      return false;
    }
  }

  private Path pathOf(Node node) {
    return node.isRoot() ? folder : folder.resolve(node.path().value());
  }

  private static FolderChange change(RelativePath path, Kind kind, boolean directory) {
    return FolderChange.of(path, kind, directory);
  }
}
