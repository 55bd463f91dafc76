package io.gtfc.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.git.TreeFiles.Change;
import io.gtfc.git.TreeFiles.FileEntry;
import io.gtfc.git.WorkingFiles.MissingDirectories;
import io.gtfc.ports.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkout's look for edits remembers missing folders; the look that writes does not. */
class CheckoutTest {
  @TempDir
  Path folder;

  @Test
  void aFileCreatedInANewFolderAfterTheCheckForEditsIsKeptNotOverwritten() throws Exception {
    try (Git git = Git.init().setDirectory(folder.toFile()).call()) {
      WorkingFiles files = new WorkingFiles(folder);
      Checkout checkout = new Checkout(git.getRepository(), files, new IndexEdits(git.getRepository()));
      List<Change> changes = List.of(
          new Change("new/a.txt", null, blob(git, "from a peer")),
          new Change("new/b.txt", null, blob(git, "from a peer too")));

      assertThat(checkout.edited(changes)).isEmpty(); // "new" is missing: nothing to overwrite
      Files.createDirectory(folder.resolve("new"));
      Files.writeString(folder.resolve("new/a.txt"), "written here meanwhile");
      try (ObjectReader reader = git.getRepository().newObjectReader()) {
        checkout.apply(changes, reader, Progress.Task.NONE);
      }

      assertThat(folder.resolve("new/a.txt")).hasContent("written here meanwhile");
      assertThat(folder.resolve("new/b.txt")).hasContent("from a peer too");
      try (Stream<Path> left = Files.list(folder.resolve("new"))) {
        assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.txt", "b.txt");
      }
    }
  }

  @Test
  void aFolderFoundMissingAnswersForEveryPathBelowItUntilTheLookEnds() throws Exception {
    WorkingFiles files = new WorkingFiles(folder);
    MissingDirectories missing = new MissingDirectories();
    assertThat(files.find("x/y/a.txt", missing)).isEmpty();

    Files.createDirectories(folder.resolve("x/y"));
    Files.writeString(folder.resolve("x/y/b.txt"), "b");

    assertThat(files.find("x/y/b.txt", missing)).as("within the look that found x/y missing").isEmpty();
    assertThat(files.find("x/y/b.txt", new MissingDirectories())).as("a new look").isPresent();
    assertThat(files.find("x/y/b.txt")).as("a look that remembers nothing missing").isPresent();
  }

  @Test
  void aPathThroughAFileIsUnreachableAlsoBelowAFolderFoundMissing() throws Exception {
    Files.writeString(folder.resolve("f"), "a file, not a folder");
    WorkingFiles files = new WorkingFiles(folder);
    MissingDirectories missing = new MissingDirectories();

    assertThat(files.reachable("f/g/a.txt", missing)).isFalse();
    assertThat(files.reachable("f/g/b.txt", missing)).isFalse();
    assertThat(files.reachable("d/g/a.txt", missing)).isTrue();
    assertThat(files.reachable("d/g/b.txt", missing)).isTrue();
  }

  private static FileEntry blob(Git git, String content) throws Exception {
    try (ObjectInserter inserter = git.getRepository().newObjectInserter()) {
      FileEntry entry = new FileEntry(
          inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)), FileMode.REGULAR_FILE);
      inserter.flush();
      return entry;
    }
  }
}
