package io.gtfc.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gtfc.domain.ConflictCopies;
import io.gtfc.domain.MergePlan;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.Integration;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import io.gtfc.ports.contracts.VersionStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract against the JGit store, plus what only the JGit store does: merging text line by
 * line (the fake keeps both versions instead).
 */
class JGitVersionStoreTest extends VersionStoreContract {

  @Test
  void textEditsOfDifferentLinesMergeCleanlyToTheSameCommitInBothDirections() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "notes.txt", "one\ntwo\nthree\n");
    write(a, "notes.txt", "ONE\ntwo\nthree\n");
    commit(a, ALPHA, "alpha edits the first line");
    write(b, "notes.txt", "one\ntwo\nTHREE\n");
    commit(b, BETA, "beta edits the last line");

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).isEmpty();
    for (VersionStore store : List.of(a, b)) {
      assertThat(text(readInWorkingTree(store.layout(), path("notes.txt")))).isEqualTo("ONE\ntwo\nTHREE\n");
      assertThat(store.filesAt(store.head().orElseThrow())).containsExactly(path("notes.txt"));
    }
  }

  @Test
  void aLineMergeKeepsLineEndingsAndAMissingFinalNewline() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "dos.txt", "a\r\nb\r\nc\r\nd");
    write(a, "dos.txt", "A\r\nb\r\nc\r\nd");
    commit(a, ALPHA, "alpha");
    write(b, "dos.txt", "a\r\nb\r\nc\r\nD");
    commit(b, BETA, "beta");

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).isEmpty();
    assertThat(text(readInWorkingTree(a.layout(), path("dos.txt")))).isEqualTo("A\r\nb\r\nc\r\nD");
  }

  @Test
  void editsOfTheSameLineFallBackToKeepingBothInBothDirections() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "notes.txt", "one\ntwo\nthree\n");
    write(a, "notes.txt", "one\nalpha's two\nthree\n");
    Revision aHead = commit(a, ALPHA, "alpha");
    write(b, "notes.txt", "one\nbeta's two\nthree\n");
    commit(b, BETA, "beta");
    RelativePath copy = ConflictCopies.name(path("notes.txt"), ALPHA, timeOf(a, aHead), 1);

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).containsExactly(MergePlan.Conflict.of(path("notes.txt"), copy, ALPHA));
    assertThat(text(readInWorkingTree(a.layout(), path("notes.txt")))).isEqualTo("one\nbeta's two\nthree\n");
    assertThat(text(readInWorkingTree(a.layout(), copy))).isEqualTo("one\nalpha's two\nthree\n");
    assertThat(text(readInWorkingTree(a.layout(), path("notes.txt"))))
        .as("no conflict markers ever reach a file").doesNotContain("<<<<<<<");
  }

  @Test
  void aModeChangeAndAContentEditOfOneScriptBothSurvive() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "run.sh", "echo 1\n");
    Files.setPosixFilePermissions(a.layout().folder().resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    commit(a, ALPHA, "alpha makes it executable");
    write(b, "run.sh", "echo 2\n");
    commit(b, BETA, "beta edits it");

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).isEmpty();
    for (VersionStore store : List.of(a, b)) {
      Path script = store.layout().folder().resolve("run.sh");
      assertThat(Files.readString(script)).isEqualTo("echo 2\n");
      assertThat(Files.isExecutable(script)).isTrue();
    }
  }

  @Override
  protected VersionStores stores(Path tempDir) {
    return new JGitVersionStores();
  }

  @Override
  protected void writeInWorkingTree(FolderLayout folder, RelativePath path, byte[] content) {
    try {
      Path file = folder.folder().resolve(path.value());
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void deleteInWorkingTree(FolderLayout folder, RelativePath path) {
    try {
      Files.delete(folder.folder().resolve(path.value()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Optional<byte[]> readInWorkingTree(FolderLayout folder, RelativePath path) {
    Path file = folder.folder().resolve(path.value());
    try {
      return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void deliver(VersionStore from, NodeId sender, VersionStore to) {
    Deliveries.deliver(from.layout(), sender, to.layout());
  }

  @Test
  void verifyNamesADamagedObject() throws IOException {
    VersionStore store = create("a");
    write(store, "notes.txt", "precious words\n");
    commit(store, ALPHA, "first");
    String blob = new org.eclipse.jgit.lib.ObjectInserter.Formatter()
        .idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, bytes("precious words\n")).name();
    Path loose = store.layout().gitDir().resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2));
    assertThat(loose).exists();
    loose.toFile().setWritable(true);
    Files.write(loose, new byte[] {1, 2, 3, 4});

    List<String> problems = store.verify();

    assertThat(problems).isNotEmpty();
    assertThat(String.join("\n", problems)).contains(blob);
  }

  @Test
  void verifyNamesAMissingObject() throws IOException {
    VersionStore store = create("a");
    write(store, "notes.txt", "soon gone\n");
    commit(store, ALPHA, "first");
    String blob = new org.eclipse.jgit.lib.ObjectInserter.Formatter()
        .idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, bytes("soon gone\n")).name();
    Files.delete(store.layout().gitDir().resolve("objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2)));

    assertThat(String.join("\n", store.verify())).contains(blob).contains("missing");
  }

  @Test
  void aFullScanAndACheckoutReportProgress() {
    List<String> titles = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicLong units = new java.util.concurrent.atomic.AtomicLong();
    io.gtfc.ports.Progress recording = (title, total) -> {
      titles.add(title + " of " + total);
      return new io.gtfc.ports.Progress.Task() {
        @Override
        public void advance(long n) {
          units.addAndGet(n);
        }

        @Override
        public void close() {
          // nothing to release
        }
      };
    };
    VersionStores withProgress = new JGitVersionStores(recording);
    FolderLayout a = FolderLayout.of(temp.resolve("scanned"));
    FolderLayout b = FolderLayout.of(temp.resolve("checked-out"));
    try (VersionStore first = withProgress.create(a); VersionStore second = withProgress.create(b)) {
      write(first, "one.txt", "1");
      write(first, "d/two.txt", "2");
      write(first, "d/e/three.txt", "3");
      commit(first, ALPHA, "three files");
      assertThat(titles).contains("scanning " + a.folder() + " of 0");
      assertThat(units.get()).isGreaterThanOrEqualTo(3);

      deliver(first, ALPHA, second);
      second.integrate(ALPHA);
      assertThat(titles).contains("updating " + b.folder() + " of 3");
    }
  }
}
