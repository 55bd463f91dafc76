package io.gtfc.watch.kqueue;

import io.gtfc.domain.RelativePath;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A file, directory or symbolic link the watcher knows: its place in the tree, its descriptor
 * and what it looked like when last seen. Paths are computed from the tree, so renaming a
 * directory renames everything under it without touching the descriptors.
 */
final class Node {
  enum Type {
    FILE,
    DIRECTORY,
    SYMLINK
  }

  /** What a directory listing says about one name. */
  record Entry(String name, Type type, Object fileKey, long size, FileTime modified) {}

  private final boolean root;
  private final Type type;
  private final Map<String, Node> children = new TreeMap<>();
  private String name;
  private Node parent;
  private Object fileKey;
  private long size;
  private FileTime modified;
  private int descriptor = -1;
  private boolean renamed;
  private boolean deleted;

  private Node(boolean root, Type type, String name) {
    this.root = root;
    this.type = type;
    this.name = name;
  }

  static Node root() {
    return new Node(true, Type.DIRECTORY, null);
  }

  boolean isRoot() {
    return root;
  }

  Type type() {
    return type;
  }

  boolean isDirectory() {
    return type == Type.DIRECTORY;
  }

  String name() {
    return name;
  }

  Node parent() {
    return parent;
  }

  Map<String, Node> children() {
    return children;
  }

  int descriptor() {
    return descriptor;
  }

  void descriptor(int descriptor) {
    this.descriptor = descriptor;
  }

  boolean isWatched() {
    return descriptor >= 0 && isAttached();
  }

  /** Still reachable from the root: not removed, and not waiting to be matched as a move. */
  boolean isAttached() {
    Node node = this;
    while (node.parent != null) {
      node = node.parent;
    }
    return node.root;
  }

  int depth() {
    int depth = 0;
    for (Node node = this; node.parent != null; node = node.parent) {
      depth++;
    }
    return depth;
  }

  /** The path under the folder; the root has none. */
  RelativePath path() {
    if (root) {
      throw new IllegalStateException("the folder root has no relative path");
    }
    return parent.root ? RelativePath.of(name) : parent.path().resolve(name);
  }

  RelativePath childPath(String childName) {
    return root ? RelativePath.of(childName) : path().resolve(childName);
  }

  /** Creates the child a listing found and keeps it under its name. */
  Node adopt(Entry entry) {
    Node child = new Node(false, entry.type(), entry.name());
    child.seen(entry);
    attach(child, entry.name());
    return child;
  }

  /** Puts a known node (one that moved here) under this directory. */
  void attach(Node child, String childName) {
    child.name = childName;
    child.parent = this;
    children.put(childName, child);
  }

  void detach(Node child) {
    children.remove(child.name, child);
    child.parent = null;
  }

  /** Whether a listing entry is still this node: same type and, where the OS says, same inode. */
  boolean sameAs(Entry entry) {
    return type == entry.type()
        && (fileKey == null || entry.fileKey() == null || fileKey.equals(entry.fileKey()));
  }

  Object fileKey() {
    return fileKey;
  }

  void seen(Entry entry) {
    fileKey = entry.fileKey();
    size = entry.size();
    modified = entry.modified();
  }

  /** Records the size and modification time now on disk; true when either differs from before. */
  boolean contentStampChanged(long newSize, FileTime newModified) {
    boolean changed = size != newSize || !Objects.equals(modified, newModified);
    size = newSize;
    modified = newModified;
    return changed;
  }

  boolean renamed() {
    return renamed;
  }

  boolean deleted() {
    return deleted;
  }

  void noteGone(boolean renamedNow, boolean deletedNow) {
    renamed |= renamedNow;
    deleted |= deletedNow;
  }

  void clearGone() {
    renamed = false;
    deleted = false;
  }

  @Override
  public String toString() {
    return root ? "<root>" : (isAttached() ? path().value() : "<detached " + name + ">");
  }
}
