package io.gtfc.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.git.TreeFiles.FileEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexEditsTest {
  @TempDir
  Path folder;

  @Test
  void editsFlushedIntoAnIndexReadBeforeKeepWhatAnotherProcessWroteInBetween() throws Exception {
    try (Git git = Git.init().setDirectory(folder.toFile()).call()) {
      Files.writeString(folder.resolve("a.txt"), "a");
      git.add().addFilepattern("a.txt").call();
      ObjectId b;
      try (ObjectInserter inserter = git.getRepository().newObjectInserter()) {
        b = inserter.insert(Constants.OBJ_BLOB, "b".getBytes(StandardCharsets.UTF_8));
        inserter.flush();
      }
      IndexEdits edits = new IndexEdits(git.getRepository());
      edits.put("b.txt", Checkout.entry("b.txt", new FileEntry(b, FileMode.REGULAR_FILE), null));
      edits.remove("a.txt");
      DirCache readBefore = DirCache.read(git.getRepository());

      Files.writeString(folder.resolve("c.txt"), "c");
      git.add().addFilepattern("c.txt").call(); // another process, between the read and the flush
      edits.flush(readBefore);

      DirCache written = git.getRepository().readDirCache();
      assertThat(written.findEntry("c.txt")).as("c.txt, written in between").isNotNegative();
      assertThat(written.findEntry("b.txt")).as("b.txt, the edit").isNotNegative();
      assertThat(written.findEntry("a.txt")).as("a.txt, removed by the edits").isNegative();
      assertThat(edits.dirty()).isFalse();
    }
  }
}
