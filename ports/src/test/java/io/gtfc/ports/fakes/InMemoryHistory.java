package io.gtfc.ports.fakes;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory stand-in for one folder's git directory: an object database of immutable
 * commits, the working branch and the inbox refs. Guarded by the owning
 * {@link InMemoryVersionStores}' monitor, except {@link #folderLock}.
 */
final class InMemoryHistory {
  /** One commit: a full snapshot of the folder plus its parents, like a git commit and its tree. */
  record Commit(
      String id,
      List<String> parents,
      SortedMap<RelativePath, byte[]> files,
      NodeId author,
      Instant when,
      String message) {}

  final ReentrantLock folderLock = new ReentrantLock();
  final Map<String, Commit> commits = new HashMap<>();
  final Map<NodeId, String> inbox = new TreeMap<>();
  /** The head of the working branch; null while it is unborn. */
  String main;

  Commit commit(String id) {
    Commit commit = commits.get(id);
    if (commit == null) {
      throw new GtfcException(Problem.BAD_INPUT, "revision " + id + " is not in this folder's history");
    }
    return commit;
  }

  SortedMap<RelativePath, byte[]> filesAt(String id) {
    return id == null ? Collections.emptySortedMap() : commit(id).files();
  }

  /** Stores a new commit; its id is a SHA-1 of everything it records, so equal inputs give equal ids. */
  Commit record(Map<RelativePath, byte[]> files, List<String> parents, NodeId author, Instant when,
      String message) {
    SortedMap<RelativePath, byte[]> snapshot = new TreeMap<>();
    files.forEach((path, content) -> snapshot.put(path, content.clone()));
    Instant seconds = Instant.ofEpochSecond(when.getEpochSecond());
    MessageDigest sha1 = sha1();
    snapshot.forEach((path, content) -> {
      sha1.update(path.value().getBytes(UTF_8));
      sha1.update((byte) 0);
      sha1.update(sha1().digest(content));
    });
    parents.forEach(parent -> sha1.update(("parent " + parent + "\n").getBytes(UTF_8)));
    sha1.update(("author " + author.value() + " " + seconds.getEpochSecond() + "\n" + message)
        .getBytes(UTF_8));
    String id = HexFormat.of().formatHex(sha1.digest());
    Commit commit = new Commit(id, List.copyOf(parents), Collections.unmodifiableSortedMap(snapshot),
        author, seconds, message);
    commits.putIfAbsent(id, commit);
    return commit;
  }

  /** The commit and every commit reachable from it; empty for null. */
  Set<String> ancestry(String id) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    if (id != null) {
      todo.push(id);
    }
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        commit(next).parents().forEach(todo::push);
      }
    }
    return seen;
  }

  /**
   * The commit and its ancestry newest first, in the order git's date-ordered walk gives: a queue
   * by commit time, ties in the order they were reached, parents queued once their child is out.
   */
  List<Commit> walk(String id) {
    List<Commit> order = new ArrayList<>();
    List<Commit> queue = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (id != null) {
      queue.add(commit(id));
      seen.add(id);
    }
    while (!queue.isEmpty()) {
      Commit next = queue.remove(0);
      order.add(next);
      for (String parent : next.parents()) {
        if (seen.add(parent)) {
          Commit commit = commit(parent);
          int at = 0;
          while (at < queue.size() && !queue.get(at).when().isBefore(commit.when())) {
            at++;
          }
          queue.add(at, commit);
        }
      }
    }
    return order;
  }

  boolean isAncestor(String ancestor, String of) {
    return ancestry(of).contains(ancestor);
  }

  /**
   * The best common ancestor of both commits, or null for unrelated histories. When there are
   * several (criss-cross merges) the one with the smallest id, as the JGit store picks.
   */
  String mergeBase(String ours, String theirs) {
    Set<String> common = ancestry(ours);
    common.retainAll(ancestry(theirs));
    return common.stream()
        .filter(candidate -> common.stream()
            .noneMatch(other -> !other.equals(candidate) && isAncestor(candidate, other)))
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
