package io.gtfc.it.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What one node's folder holds at one moment: its git head, its uncommitted changes, and its files. */
public record FolderState(String node, String head, List<String> status, Map<String, String> files) {

  /** Parses the output of {@link Node#state()}: a {@code head} line, {@code status} lines, then sha256sum lines. */
  static FolderState parse(String node, String output) {
    String head = "";
    List<String> status = new ArrayList<>();
    StringBuilder listing = new StringBuilder();
    for (String line : output.split("\n")) {
      if (line.startsWith("head ")) {
        head = line.substring(5).trim();
      } else if (line.startsWith("status ")) {
        status.add(line.substring(7));
      } else if (!line.isBlank()) {
        listing.append(line).append('\n');
      }
    }
    return new FolderState(node, head, List.copyOf(status), parseListing(listing.toString()));
  }

  /** {@code sha256sum} lines ({@code HASH  ./PATH}) as path to hash, in the listing's order. */
  static Map<String, String> parseListing(String listing) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String line : listing.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      int gap = line.indexOf("  ");
      String path = line.substring(gap + 2);
      files.put(path.startsWith("./") ? path.substring(2) : path, line.substring(0, gap));
    }
    return Collections.unmodifiableMap(files);
  }

  /** Committed, with nothing left to commit. */
  public boolean clean() {
    return !head.isEmpty() && status.isEmpty();
  }

  /** The same head and the same files, both clean. */
  public boolean sameAs(FolderState other) {
    return clean() && other.clean() && head.equals(other.head) && files.equals(other.files);
  }

  /** One short paragraph saying how {@code other} differs from this state (for failure messages). */
  public String differenceFrom(FolderState other) {
    StringBuilder b = new StringBuilder();
    if (!head.equals(other.head)) {
      b.append(String.format("  head: %s %s, %s %s%n", node, abbrev(head), other.node, abbrev(other.head)));
    }
    if (!status.isEmpty()) {
      b.append(String.format("  %s has uncommitted changes: %s%n", node, first(status)));
    }
    if (!other.status.isEmpty()) {
      b.append(String.format("  %s has uncommitted changes: %s%n", other.node, first(other.status)));
    }
    List<String> onlyHere = new ArrayList<>();
    List<String> onlyThere = new ArrayList<>();
    List<String> differ = new ArrayList<>();
    for (String path : union(files.keySet(), other.files.keySet())) {
      String mine = files.get(path);
      String theirs = other.files.get(path);
      if (theirs == null) {
        onlyHere.add(path);
      } else if (mine == null) {
        onlyThere.add(path);
      } else if (!mine.equals(theirs)) {
        differ.add(path);
      }
    }
    if (!onlyHere.isEmpty()) {
      b.append(String.format("  %d file(s) only on %s: %s%n", onlyHere.size(), node, first(onlyHere)));
    }
    if (!onlyThere.isEmpty()) {
      b.append(String.format("  %d file(s) only on %s: %s%n", onlyThere.size(), other.node, first(onlyThere)));
    }
    if (!differ.isEmpty()) {
      b.append(String.format("  %d file(s) differ: %s%n", differ.size(), first(differ)));
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return node + " at " + abbrev(head) + ", " + files.size() + " file(s)" + (status.isEmpty() ? "" : ", " + status.size()
        + " uncommitted");
  }

  private static String abbrev(String head) {
    return head.isEmpty() ? "(no head)" : head.substring(0, Math.min(10, head.length()));
  }

  private static String first(List<String> items) {
    return items.size() <= 8 ? String.join(", ", items) : String.join(", ", items.subList(0, 8)) + ", ...";
  }

  private static TreeSet<String> union(Set<String> a, Set<String> b) {
    TreeSet<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
