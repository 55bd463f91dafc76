package io.gtfc.git;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.gtfc.git.TreeFiles.FileEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.Paths;

/**
 * A new tree from an old one and a few changed paths, writing only the trees on the way to them:
 * committing one file in a folder of 100,000 rewrites two or three small trees instead of all of
 * them (which is what writing the tree from the index does). Gives the same tree as the index
 * would for the same files.
 */
final class TreeUpdate {
  private final ObjectReader reader;
  private final ObjectInserter inserter;

  TreeUpdate(ObjectReader reader, ObjectInserter inserter) {
    this.reader = reader;
    this.inserter = inserter;
  }

  /**
   * The tree {@code base} (null: empty) with every path of {@code changes} set to its entry, or
   * removed where the entry is null. Directories left empty disappear, as in git.
   */
  ObjectId apply(AnyObjectId base, Map<String, FileEntry> changes) throws IOException {
    ObjectId tree = update(base, new TreeMap<>(changes));
    return tree != null ? tree : inserter.insert(new TreeFormatter());
  }

  /** The updated tree, or null when it is left empty. Paths in {@code changes} are relative to this tree. */
  private ObjectId update(AnyObjectId tree, TreeMap<String, FileEntry> changes) throws IOException {
    Map<String, Entry> entries = read(tree);
    Map<String, TreeMap<String, FileEntry>> below = new TreeMap<>();
    Map<String, FileEntry> here = new TreeMap<>();
    for (Map.Entry<String, FileEntry> change : changes.entrySet()) {
      String path = change.getKey();
      int slash = path.indexOf('/');
      if (slash < 0) {
        here.put(path, change.getValue());
      } else {
        below.computeIfAbsent(path.substring(0, slash), k -> new TreeMap<>())
            .put(path.substring(slash + 1), change.getValue());
      }
    }
    for (Map.Entry<String, TreeMap<String, FileEntry>> dir : below.entrySet()) {
      String key = key(dir.getKey());
      Entry old = entries.get(key);
      boolean wasTree = old != null && FileMode.TREE.equals(old.mode);
      ObjectId subtree = update(wasTree ? old.id : null, dir.getValue());
      if (subtree != null) {
        entries.put(key, new Entry(Constants.encode(dir.getKey()), FileMode.TREE, subtree));
      } else if (wasTree) {
        entries.remove(key);
      }
    }
    for (Map.Entry<String, FileEntry> file : here.entrySet()) {
      String key = key(file.getKey());
      FileEntry now = file.getValue();
      if (now != null) {
        entries.put(key, new Entry(Constants.encode(file.getKey()), now.mode(), now.id()));
      } else {
        Entry old = entries.get(key);
        if (old != null && !FileMode.TREE.equals(old.mode)) {
          entries.remove(key); // a file removed: a directory that took its name stays
        }
      }
    }
    if (entries.isEmpty()) {
      return null;
    }
    List<Entry> sorted = new ArrayList<>(entries.values());
    sorted.sort((a, b) -> Paths.compare(a.name, 0, a.name.length, a.mode.getBits(),
        b.name, 0, b.name.length, b.mode.getBits()));
    TreeFormatter formatter = new TreeFormatter();
    for (Entry e : sorted) {
      formatter.append(e.name, e.mode, e.id);
    }
    return inserter.insert(formatter);
  }

  private Map<String, Entry> read(AnyObjectId tree) throws IOException {
    Map<String, Entry> entries = new HashMap<>();
    if (tree == null) {
      return entries;
    }
    CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
    for (; !parser.eof(); parser.next()) {
      byte[] name = new byte[parser.getNameLength()];
      parser.getName(name, 0);
      entries.put(new String(name, ISO_8859_1), new Entry(name, parser.getEntryFileMode(), parser.getEntryObjectId()));
    }
    return entries;
  }

  /** Names as git stores them (UTF-8 bytes), one char per byte, so that any stored name is a key. */
  private static String key(String name) {
    return new String(Constants.encode(name), ISO_8859_1);
  }

  private record Entry(byte[] name, FileMode mode, ObjectId id) {}
}
