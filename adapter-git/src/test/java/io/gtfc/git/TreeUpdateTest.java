package io.gtfc.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.git.TreeFiles.FileEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;

/** Updating a tree path by path gives the tree the index would write for the same files. */
class TreeUpdateTest {
  /** Names that sort differently as files and as directories ("a" &lt; "a.b" &lt; "a/"). */
  private static final String[] NAMES = {"a", "a.b", "a-b", "b", "ab", "z", "é"};

  private final InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("t"));

  @Test
  void randomChangesGiveTheTreeTheIndexWrites() throws Exception {
    Random random = new Random(7);
    try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
      for (int round = 0; round < 300; round++) {
        Map<String, FileEntry> before = randomFiles(random, inserter);
        Map<String, FileEntry> after = new TreeMap<>(before);
        for (int i = random.nextInt(6); i >= 0; i--) {
          change(random, after, inserter);
        }
        Map<String, FileEntry> changes = new HashMap<>();
        TreeSet<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String path : all) {
          if (!java.util.Objects.equals(before.get(path), after.get(path))) {
            changes.put(path, after.get(path));
          }
        }

        ObjectId updated = new TreeUpdate(reader, inserter).apply(indexTree(before, inserter), changes);

        assertThat(updated).as("round %d: %s then %s", round, before.keySet(), changes.keySet())
            .isEqualTo(indexTree(after, inserter));
      }
    }
  }

  @Test
  void removingTheLastFileGivesTheEmptyTree() throws Exception {
    try (ObjectInserter inserter = repository.newObjectInserter(); ObjectReader reader = inserter.newReader()) {
      Map<String, FileEntry> one = Map.of("dir/only.txt", blob("x", inserter));
      Map<String, FileEntry> removal = new HashMap<>();
      removal.put("dir/only.txt", null);

      ObjectId updated = new TreeUpdate(reader, inserter).apply(indexTree(one, inserter), removal);

      assertThat(updated).isEqualTo(indexTree(Map.of(), inserter));
    }
  }

  private static Map<String, FileEntry> randomFiles(Random random, ObjectInserter inserter) throws Exception {
    Map<String, FileEntry> files = new TreeMap<>();
    for (int i = random.nextInt(12); i >= 0; i--) {
      add(files, randomPath(random), blob("v" + random.nextInt(3), inserter), random);
    }
    return files;
  }

  private static void change(Random random, Map<String, FileEntry> files, ObjectInserter inserter) throws Exception {
    List<String> paths = new ArrayList<>(files.keySet());
    int what = random.nextInt(4);
    if (what == 0 && !paths.isEmpty()) {
      files.remove(paths.get(random.nextInt(paths.size())));
    } else if (what == 1 && !paths.isEmpty()) {
      files.put(paths.get(random.nextInt(paths.size())), blob("edit" + random.nextInt(), inserter));
    } else {
      add(files, randomPath(random), blob("new" + random.nextInt(3), inserter), random);
    }
  }

  /** Adds a file, first removing whatever file or directory stands in its way, as a working tree would. */
  private static void add(Map<String, FileEntry> files, String path, FileEntry entry, Random random) {
    files.keySet().removeIf(p -> p.startsWith(path + "/") || path.startsWith(p + "/"));
    files.put(path, random.nextInt(5) == 0 ? new FileEntry(entry.id(), FileMode.EXECUTABLE_FILE) : entry);
  }

  private static String randomPath(Random random) {
    StringBuilder path = new StringBuilder(NAMES[random.nextInt(NAMES.length)]);
    for (int depth = random.nextInt(3); depth > 0; depth--) {
      path.append('/').append(NAMES[random.nextInt(NAMES.length)]);
    }
    return path.toString();
  }

  private static FileEntry blob(String content, ObjectInserter inserter) throws Exception {
    return new FileEntry(inserter.insert(Constants.OBJ_BLOB, content.getBytes(UTF_8)), FileMode.REGULAR_FILE);
  }

  private static ObjectId indexTree(Map<String, FileEntry> files, ObjectInserter inserter) throws Exception {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    for (Map.Entry<String, FileEntry> f : new TreeMap<>(files).entrySet()) {
      DirCacheEntry entry = new DirCacheEntry(f.getKey());
      entry.setFileMode(f.getValue().mode());
      entry.setObjectId(f.getValue().id());
      builder.add(entry);
    }
    builder.finish();
    return index.writeTree(inserter);
  }
}
