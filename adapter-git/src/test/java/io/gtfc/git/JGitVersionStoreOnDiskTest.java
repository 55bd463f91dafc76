package io.gtfc.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Integration;
import io.gtfc.ports.Integration.Outcome;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the JGit store must get right: the layout on disk, git's own tools, the OS. */
@SuppressWarnings("try") // a try block holds the folder lock without naming it
class JGitVersionStoreOnDiskTest {
  private static final NodeId ALPHA = NodeId.of("alpha");
  private static final NodeId BETA = NodeId.of("beta");
  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir Path temp;

  private final JGitVersionStores stores = new JGitVersionStores();
  private final List<VersionStore> opened = new ArrayList<>();
  private int minutes;

  @AfterEach
  void closeStores() {
    opened.forEach(VersionStore::close);
  }

  @Test
  void theGitFileNamesTheGitDirectoryBesideTheFolderAndGitLogWorksThere() throws Exception {
    VersionStore store = create("shared");
    FolderLayout layout = store.layout();
    write(store, "a.txt", "x");
    commit(store, ALPHA, "first words");

    assertThat(layout.gitDir()).isEqualTo(temp.resolve(".git.shared"));
    assertThat(Files.readString(layout.gitFile())).isEqualTo("gitdir: " + layout.gitDir() + "\n");
    assertThat(Files.readString(layout.gitDir().resolve("HEAD")).strip())
        .isEqualTo("ref: refs/heads/main");
    assumeThat(gitAvailable()).as("the git command line is installed").isTrue();
    assertThat(git(layout.folder(), "log", "--format=%an <%ae> %s")).isEqualTo("alpha <alpha@gtfc> first words\n");
    assertThat(git(layout.folder(), "status", "--porcelain")).isEmpty();
  }

  @Test
  void safetySettingsAreWrittenIntoTheRepositorysOwnConfig() throws Exception {
    FolderLayout layout = create("shared").layout();
    FileBasedConfig config = new FileBasedConfig(layout.gitDir().resolve("config").toFile(), FS.DETECTED);
    config.load();

    assertThat(config.getString("core", null, "autocrlf")).isEqualTo("false");
    assertThat(config.getString("core", null, "bare")).isEqualTo("false");
    assertThat(config.getString("commit", null, "gpgsign")).isEqualTo("false");
    assertThat(config.getString("tag", null, "gpgsign")).isEqualTo("false");
    assertThat(config.getString("gc", null, "auto")).isEqualTo("0");
    assertThat(config.getString("receive", null, "autogc")).isEqualTo("false");
    assertThat(Path.of(config.getString("core", null, "excludesfile"))).doesNotExist();
    assertThat(Path.of(config.getString("core", null, "attributesfile"))).doesNotExist();
    assertThat(config.getString("core", null, "hooksPath")).isEqualTo(layout.gitDir().resolve("hooks").toString());
    if (posix()) {
      assertThat(config.getString("core", null, "filemode")).isEqualTo("true");
    }
  }

  /**
   * JGit layers the user's ~/.gitconfig under every repository for the whole JVM; surefire points
   * user.home at a directory of this build, so the test can plant a hostile one there.
   */
  @Test
  void aUsersGitConfigChangesNothingThatIsCommittedOrCheckedOut() throws Exception {
    String testHome = System.getProperty("gtfc.test.home");
    assumeThat(testHome).as("run by surefire with a home of its own").isNotNull()
        .isEqualTo(System.getProperty("user.home"));
    Path home = Path.of(testHome);
    Path marker = home.resolve("hook-ran");
    Path userConfig = home.resolve(".gitconfig");
    Files.createDirectories(home.resolve("hooks"));
    Files.writeString(home.resolve("global-excludes"), "*.log\n");
    Files.writeString(home.resolve("global-attributes"), "*.txt text eol=crlf\n");
    Path hook = home.resolve("hooks/post-commit");
    Files.writeString(hook, "#!/bin/sh\ntouch '" + marker + "'\n");
    hook.toFile().setExecutable(true);
    Files.writeString(userConfig, String.join("\n",
        "[commit]", "\tgpgSign = true",
        "[core]", "\tautocrlf = true",
        "\texcludesFile = " + home.resolve("global-excludes"),
        "\tattributesFile = " + home.resolve("global-attributes"),
        "\thooksPath = " + home.resolve("hooks"),
        ""));
    try {
      assertThat(SystemReader.getInstance().getUserConfig().getBoolean("commit", "gpgsign", false))
          .as("JGit reads the planted user config").isTrue();
      VersionStore a = create("a");
      VersionStore b = create("b");
      byte[] crlf = "one\r\ntwo\r\n".getBytes(UTF_8);
      byte[] lf = "one\ntwo\n".getBytes(UTF_8);
      writeBytes(a, "crlf.txt", crlf);
      writeBytes(a, "lf.txt", lf);
      write(a, "debug.log", "kept");

      assertThat(a.pendingChanges()).contains(RelativePath.of("debug.log"));
      Revision head = commit(a, ALPHA, "first");
      deliverAndIntegrate(a, b);

      assertThat(a.readAtHead(RelativePath.of("crlf.txt"))).hasValue(crlf);
      assertThat(a.readAtHead(RelativePath.of("lf.txt"))).hasValue(lf);
      assertThat(a.readAtHead(RelativePath.of("debug.log"))).isPresent();
      assertThat(Files.readAllBytes(b.layout().folder().resolve("crlf.txt"))).isEqualTo(crlf);
      assertThat(Files.readAllBytes(b.layout().folder().resolve("lf.txt"))).isEqualTo(lf);
      assertThat(a.pendingChanges()).isEmpty();
      assertThat(b.pendingChanges()).isEmpty();
      try (Repository repository = repository(a.layout()); RevWalk walk = new RevWalk(repository)) {
        RevCommit commit = walk.parseCommit(ObjectId.fromString(head.id()));
        assertThat(new String(commit.getRawBuffer(), UTF_8)).doesNotContain("gpgsig");
      }
      assertThat(marker).doesNotExist();
    } finally {
      Files.delete(userConfig);
    }
  }

  @Test
  void theExecutableBitTravelsWithTheFile() throws Exception {
    assumeThat(posix()).isTrue();
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "bin/run.sh", "#!/bin/sh\n");
    write(a, "plain.txt", "text");
    Path script = a.layout().folder().resolve("bin/run.sh");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Revision head = commit(a, ALPHA, "first");

    assertThat(modeAtHead(a.layout(), head, "bin/run.sh")).isEqualTo(FileMode.EXECUTABLE_FILE);
    assertThat(modeAtHead(a.layout(), head, "plain.txt")).isEqualTo(FileMode.REGULAR_FILE);
    deliverAndIntegrate(a, b);
    assertThat(Files.isExecutable(b.layout().folder().resolve("bin/run.sh"))).isTrue();
    assertThat(Files.isExecutable(b.layout().folder().resolve("plain.txt"))).isFalse();

    a.writeFile(RelativePath.of("bin/run.sh"), "#!/bin/sh\necho hi\n".getBytes(UTF_8));
    assertThat(Files.isExecutable(script)).as("writeFile keeps the mode").isTrue();
    commit(a, ALPHA, "second");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(a.pendingChanges()).containsExactly(RelativePath.of("bin/run.sh"));
  }

  @Test
  void aMergeCommitHasItsParentsInAscendingOrderAndAFixedIdentity() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "x.txt", "x");
    commit(a, ALPHA, "base");
    deliverAndIntegrate(a, b);
    write(a, "x.txt", "alpha");
    Revision theirs = commit(a, ALPHA, "alpha");
    write(b, "y.txt", "beta");
    Revision ours = commit(b, BETA, "beta");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());

    Integration integration = b.integrate(ALPHA);

    assertThat(integration.outcome()).isEqualTo(Outcome.MERGED);
    try (Repository repository = repository(b.layout()); RevWalk walk = new RevWalk(repository)) {
      RevCommit merge = walk.parseCommit(ObjectId.fromString(integration.head().orElseThrow().id()));
      assertThat(merge.getParents()).extracting(RevCommit::name)
          .containsExactlyElementsOf(Stream.of(ours.id(), theirs.id()).sorted().toList());
      assertThat(merge.getAuthorIdent().getName()).isEqualTo("gtfc");
      assertThat(merge.getAuthorIdent().getEmailAddress()).isEqualTo("merge@gtfc");
      assertThat(merge.getCommitterIdent()).isEqualTo(merge.getAuthorIdent());
      assertThat(merge.getCommitterIdent().getWhenAsInstant())
          .isEqualTo(walk.parseCommit(ObjectId.fromString(ours.id())).getCommitterIdent().getWhenAsInstant());
      assertThat(merge.getCommitterIdent().getZoneOffset()).isEqualTo(ZoneOffset.UTC);
      assertThat(merge.getFullMessage()).isEqualTo("gtfc: merge");
    }
  }

  @Test
  void aConflictLeavesNoMergeStateBehind() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "both.txt", "base\n");
    commit(a, ALPHA, "base");
    deliverAndIntegrate(a, b);
    write(a, "both.txt", "alpha\n");
    commit(a, ALPHA, "alpha");
    write(b, "both.txt", "beta\n");
    commit(b, BETA, "beta");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());

    Integration integration = b.integrate(ALPHA);
    b.writeCaches(); // as the daemon does once the pusher has its answer

    assertThat(integration.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(integration.conflicts()).hasSize(1);
    assertThat(b.layout().gitDir().resolve("MERGE_HEAD")).doesNotExist();
    assertThat(b.layout().gitDir().resolve("MERGE_MSG")).doesNotExist();
    assertThat(b.layout().gitDir().resolve(CheckoutJournal.FILE)).doesNotExist();
    try (Repository repository = repository(b.layout())) {
      DirCache index = repository.readDirCache();
      for (int i = 0; i < index.getEntryCount(); i++) {
        assertThat(index.getEntry(i).getStage()).isZero();
      }
    }
    assertThat(Files.readString(b.layout().folder().resolve("both.txt"))).isEqualTo("beta\n");
    if (gitAvailable()) {
      assertThat(git(b.layout().folder(), "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void deleteFileRemovesEmptyParentsButNeverTheFolder() throws Exception {
    VersionStore store = create("a");
    write(store, "a/b/c/file.txt", "x");
    write(store, "a/kept.txt", "y");
    write(store, "only.txt", "z");

    store.deleteFile(RelativePath.of("a/b/c/file.txt"));
    store.deleteFile(RelativePath.of("only.txt"));
    store.deleteFile(RelativePath.of("a/kept.txt"));

    assertThat(store.layout().folder().resolve("a")).doesNotExist();
    assertThat(store.layout().folder()).isDirectory();
    assertThat(store.layout().gitFile()).isRegularFile();
  }

  @Test
  void aFastForwardReplacesADirectoryWithAFileAndBack() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "x/inner.txt", "in a directory");
    commit(a, ALPHA, "directory");
    deliverAndIntegrate(a, b);
    Files.delete(a.layout().folder().resolve("x/inner.txt"));
    Files.delete(a.layout().folder().resolve("x"));
    write(a, "x", "now a file");
    commit(a, ALPHA, "file");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());

    assertThat(b.integrate(ALPHA).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(Files.readString(b.layout().folder().resolve("x"))).isEqualTo("now a file");
    assertThat(b.pendingChanges()).isEmpty();

    Files.delete(a.layout().folder().resolve("x"));
    write(a, "x/back.txt", "a directory again");
    commit(a, ALPHA, "directory again");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());

    assertThat(b.integrate(ALPHA).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(Files.readString(b.layout().folder().resolve("x/back.txt"))).isEqualTo("a directory again");
    assertThat(b.pendingChanges()).isEmpty();
    if (gitAvailable()) {
      assertThat(git(b.layout().folder(), "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void anUntrackedFileWhereAFastForwardWritesDefersIt() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "base.txt", "base");
    commit(a, ALPHA, "base");
    Revision bHead = deliverAndIntegrate(a, b).head().orElseThrow();
    write(a, "dir/new.txt", "from alpha");
    commit(a, ALPHA, "adds");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    write(b, "dir", "a file where alpha has a directory");

    assertThat(b.integrate(ALPHA).outcome()).isEqualTo(Outcome.DEFERRED);
    assertThat(b.head()).contains(bHead);
    assertThat(Files.readString(b.layout().folder().resolve("dir"))).isEqualTo("a file where alpha has a directory");
    assertThat(b.layout().gitDir().resolve(CheckoutJournal.FILE)).doesNotExist();
  }

  @Test
  void aDirectoryReplacedByALinkSinceTheLastCheckoutIsNotWrittenThrough() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    Path outside = Files.createDirectories(temp.resolve("outside"));
    write(a, "docs/one.txt", "one");
    commit(a, ALPHA, "docs");
    deliverAndIntegrate(a, b); // b's store has now seen docs as a real directory
    Path docs = b.layout().folder().resolve("docs");
    Files.delete(docs.resolve("one.txt"));
    Files.delete(docs);
    Files.createSymbolicLink(docs, outside);
    write(a, "docs/two.txt", "two");
    commit(a, ALPHA, "more docs");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());

    Integration integration = b.integrate(ALPHA);

    assertThat(integration.outcome()).isEqualTo(Outcome.DEFERRED);
    try (Stream<Path> written = Files.list(outside)) {
      assertThat(written).isEmpty();
    }
  }

  @Test
  void anotherProcessCannotTakeTheLockWhileTheFolderIsLocked() throws Exception {
    VersionStore store = create("a");
    Path lockFile = store.layout().gitDir().resolve("gtfc.lock");

    try (FolderLock held = store.lock(); FolderLock again = store.lock()) {
      assertThat(probeLockFromAnotherProcess(lockFile)).isEqualTo("busy");
      try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
        assertThatThrownBy(other::tryLock).isInstanceOf(OverlappingFileLockException.class);
      }
    }
    try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = other.tryLock();
      assertThat(lock).isNotNull();
      lock.release();
    }
  }

  @Test
  void twoStoresOnOneFolderTakeTurnsWithTheLock() throws Exception {
    VersionStore first = create("a");
    VersionStore second = track(stores.open(first.layout()));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<?> waiting;
      try (FolderLock held = first.lock()) {
        waiting = other.submit(() -> second.lock().close());
        assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class);
      }
      waiting.get(10, TimeUnit.SECONDS);
      assertThat(waiting.isDone()).isTrue();
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aGitWorkingTreeIsNeitherTakenOverNorFound() throws Exception {
    Path folder = temp.resolve("repo");
    Files.createDirectories(folder.resolve(".git"));
    FolderLayout layout = FolderLayout.of(folder);

    assertThatThrownBy(() -> stores.create(layout))
        .isInstanceOfSatisfying(GtfcException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.BAD_STATE));
    assertThat(stores.exists(layout)).isFalse();
    assertThat(stores.find(folder)).isEmpty();
    assertThat(layout.gitDir()).doesNotExist();
  }

  @Test
  void forgetRemovesTheGitDirectoryAndTheGitFileOnly() throws Exception {
    VersionStore store = create("a");
    FolderLayout layout = store.layout();
    write(store, "keep.txt", "mine");
    commit(store, ALPHA, "first");
    store.close();

    stores.forget(layout);

    assertThat(layout.gitDir()).doesNotExist();
    assertThat(layout.gitFile()).doesNotExist();
    assertThat(layout.folder().resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void aCommitOfManyPathsIsOnePackThatAnotherFolderReadsBack() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    List<RelativePath> paths = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      write(a, "many/d" + (i % 5) + "/f" + i + ".txt", "file " + i + "\n");
      paths.add(RelativePath.of("many/d" + (i % 5) + "/f" + i + ".txt"));
    }

    Revision head = a.commitPaths(paths, spec(ALPHA, "many")).orElseThrow();

    try (Stream<Path> loose = Files.list(a.layout().gitDir().resolve("objects"))) {
      assertThat(loose.map(p -> p.getFileName().toString()).filter(n -> n.length() == 2))
          .as("no loose objects").isEmpty();
    }
    assertThat(zlibLevels(a.layout())).as("compression levels in the pack (zlib's FLEVEL, 0 = fastest)")
        .containsOnly(0);
    assertThat(a.filesAt(head)).hasSize(150);
    assertThat(a.pendingChanges()).isEmpty();
    assertThat(deliverAndIntegrate(a, b).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(b.layout().folder().resolve("many/d2/f42.txt")).hasContent("file 42\n");
  }

  @Test
  void committingTheEchoOfACheckoutWritesNoObjectAndNoCommit() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "notes/one.txt", "one");
    write(a, "notes/two.txt", "two");
    commit(a, ALPHA, "first");
    deliverAndIntegrate(a, b);
    long objectsBefore = objectFiles(b.layout());

    Optional<Revision> echo = b.commitPaths(
        List.of(RelativePath.of("notes/one.txt"), RelativePath.of("notes/two.txt")), spec(BETA, "echo"));

    assertThat(echo).isEmpty();
    assertThat(objectFiles(b.layout())).isEqualTo(objectsBefore);
  }

  @Test
  void aCheckedOutFileRewrittenWithTheSameLengthAndTimeIsCommittedByItsContent() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "notes/one.txt", "one");
    commit(a, ALPHA, "first");
    deliverAndIntegrate(a, b);
    Path file = b.layout().folder().resolve("notes/one.txt");
    var checkedOut = Files.getLastModifiedTime(file);

    Files.writeString(file, "two"); // what the index records for it has the same length
    Files.setLastModifiedTime(file, checkedOut);
    Optional<Revision> edit = b.commitPaths(List.of(RelativePath.of("notes/one.txt")), spec(BETA, "edit"));

    assertThat(edit).isPresent();
    assertThat(b.readAt(RelativePath.of("notes/one.txt"), edit.get())).hasValue("two".getBytes(UTF_8));
  }

  @Test
  void theEchoOfACheckoutLeavesTheIndexFileAsItWas() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "notes/one.txt", "one");
    commit(a, ALPHA, "first");
    deliverAndIntegrate(a, b);
    b.writeCaches();
    Path index = b.layout().gitDir().resolve("index");
    byte[] before = Files.readAllBytes(index);

    b.commitPaths(List.of(RelativePath.of("notes/one.txt")), spec(BETA, "echo"));
    b.writeCaches();

    // rewriting 100,000 entries for the stat data of the file just checked out costs more than hashing it again
    assertThat(Files.readAllBytes(index)).isEqualTo(before);
  }

  @Test
  void aCommitThatGoesOutFirstWritesTheIndexAfterwardsAndClosingWritesWhatIsLeft() throws Exception {
    VersionStore store = create("a");
    write(store, "one.txt", "one");
    commit(store, ALPHA, "first");
    store.writeCaches();
    Path index = store.layout().gitDir().resolve("index");
    byte[] before = Files.readAllBytes(index);

    commitFirst(store, "two.txt", "two", "second");
    assertThat(Files.readAllBytes(index)).as("the index right after the commit").isEqualTo(before);
    commitFirst(store, "three.txt", "three", "third");
    store.close();

    try (Repository repository = repository(store.layout())) {
      DirCache written = repository.readDirCache();
      assertThat(written.findEntry("two.txt")).as("two.txt in the index").isNotNegative();
      assertThat(written.findEntry("three.txt")).as("three.txt in the index").isNotNegative();
    }
    if (gitAvailable()) {
      assertThat(git(store.layout().folder(), "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void theIndexEditsOfACommitAreWrittenIntoTheIndexFileAsAnotherProcessLeftIt() throws Exception {
    VersionStore store = create("a");
    write(store, "one.txt", "one");
    commit(store, ALPHA, "first");
    store.writeCaches();
    commitFirst(store, "two.txt", "two", "second");
    write(store, "staged.txt", "staged by hand");
    try (Repository repository = repository(store.layout()); Git git = Git.wrap(repository)) {
      git.add().addFilepattern("staged.txt").call(); // as git add typed by hand before the write
    }

    store.writeCaches();

    try (Repository repository = repository(store.layout())) {
      DirCache written = repository.readDirCache();
      assertThat(written.findEntry("one.txt")).as("one.txt in the index").isNotNegative();
      assertThat(written.findEntry("two.txt")).as("two.txt, the commit's edit").isNotNegative();
      assertThat(written.findEntry("staged.txt")).as("staged.txt, the other process's edit").isNotNegative();
    }
    write(store, "three.txt", "three");
    Revision third = store.commitPaths(List.of(RelativePath.of("three.txt")), spec(ALPHA, "third")).orElseThrow();
    assertThat(store.filesAt(third)).as("a commit of some paths takes only those")
        .containsExactly(RelativePath.of("one.txt"), RelativePath.of("three.txt"), RelativePath.of("two.txt"));
  }

  @Test
  void anIntegrationWritesTheIndexWhenAskedToAndTheFolderIsCleanAfter() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "notes/one.txt", "one");
    commit(a, ALPHA, "first");
    deliverAndIntegrate(a, b);
    b.writeCaches();
    Path index = b.layout().gitDir().resolve("index");
    byte[] before = Files.readAllBytes(index);

    write(a, "notes/two.txt", "two");
    commit(a, ALPHA, "second");
    assertThat(deliverAndIntegrate(a, b).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(Files.readAllBytes(index)).as("the index right after the integration").isEqualTo(before);
    try (VersionStore elsewhere = stores.open(b.layout())) { // as a command in another process
      assertThat(elsewhere.pendingChanges()).as("pending changes seen through the older index file").isEmpty();
    }
    write(b, "notes/one.txt", "edited on beta");
    try (VersionStore elsewhere = stores.open(b.layout())) {
      assertThat(elsewhere.pendingChanges()).containsExactly(RelativePath.of("notes/one.txt"));
    }
    write(b, "notes/one.txt", "one");
    write(a, "notes/three.txt", "three");
    commit(a, ALPHA, "third");
    assertThat(deliverAndIntegrate(a, b).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    b.close();

    try (Repository repository = repository(b.layout())) {
      DirCache written = repository.readDirCache();
      assertThat(written.findEntry("notes/two.txt")).as("two.txt in the index").isNotNegative();
      assertThat(written.findEntry("notes/three.txt")).as("three.txt in the index").isNotNegative();
    }
    if (gitAvailable()) {
      assertThat(git(b.layout().folder(), "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void anIndexLeftBehindByAProcessThatEndedIsWrittenAgainByTheNextToLookUnderTheLock() throws Exception {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "notes/one.txt", "one");
    commit(a, ALPHA, "first");
    deliverAndIntegrate(a, b);
    b.writeCaches();
    write(a, "notes/two.txt", "two");
    a.deleteFile(RelativePath.of("notes/one.txt"));
    commit(a, ALPHA, "second");
    assertThat(deliverAndIntegrate(a, b).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    // b is not closed from here on: as a daemon killed before it wrote its index

    try (VersionStore restarted = stores.open(b.layout()); FolderLock held = restarted.lock()) {
      assertThat(restarted.pendingChanges()).isEmpty();
    }
    try (Repository repository = repository(b.layout())) {
      DirCache written = repository.readDirCache();
      assertThat(written.findEntry("notes/two.txt")).as("two.txt in the index").isNotNegative();
      assertThat(written.findEntry("notes/one.txt")).as("one.txt in the index").isNegative();
      assertThat(Git.wrap(repository).status().call().isClean()).as("status after the repair").isTrue();
    }
    if (gitAvailable()) {
      assertThat(git(b.layout().folder(), "status", "--porcelain")).isEmpty();
    }
  }

  /** The FLEVEL field of every object's zlib header in the folder's packs: 0 fastest, 3 slowest. */
  private static Set<Integer> zlibLevels(FolderLayout layout) throws IOException {
    Set<Integer> levels = new TreeSet<>();
    try (Stream<Path> idx = Files.list(layout.gitDir().resolve("objects/pack"))) {
      for (Path index : (Iterable<Path>) idx.filter(p -> p.toString().endsWith(".idx"))::iterator) {
        byte[] pack = Files.readAllBytes(Path.of(index.toString().replaceFirst("\\.idx$", ".pack")));
        for (PackIndex.MutableEntry entry : PackIndex.open(index.toFile())) {
          int at = (int) entry.getOffset();
          while ((pack[at] & 0x80) != 0) { // the object header: type and size, 7 bits a byte
            at++;
          }
          levels.add((pack[at + 2] & 0xff) >> 6); // after the header byte and zlib's CMF byte
        }
      }
    }
    return levels;
  }

  private static long objectFiles(FolderLayout layout) throws IOException {
    try (Stream<Path> walk = Files.walk(layout.gitDir().resolve("objects"))) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  private VersionStore create(String name) {
    return track(stores.create(FolderLayout.of(temp.resolve(name))));
  }

  private VersionStore track(VersionStore store) {
    opened.add(store);
    return store;
  }

  private CommitSpec spec(NodeId author, String message) {
    return CommitSpec.of(author, START.plus(Duration.ofMinutes(++minutes)), message);
  }

  private Revision commit(VersionStore store, NodeId author, String message) {
    return store.commitPending(spec(author, message)).orElseThrow();
  }

  /** b takes what a has committed as ALPHA: delivered into its inbox, then integrated. */
  private static Integration deliverAndIntegrate(VersionStore a, VersionStore b) {
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    return b.integrate(ALPHA);
  }

  /** Writes {@code path} and commits it the way a daemon does, the index edits left for later. */
  private void commitFirst(VersionStore store, String path, String content, String message) throws IOException {
    write(store, path, content);
    store.commitPathsFirst(List.of(RelativePath.of(path)), spec(ALPHA, message)).orElseThrow();
  }

  private static void write(VersionStore store, String path, String content) throws IOException {
    writeBytes(store, path, content.getBytes(UTF_8));
  }

  private static void writeBytes(VersionStore store, String path, byte[] content) throws IOException {
    Path file = store.layout().folder().resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static Repository repository(FolderLayout layout) throws IOException {
    return new FileRepositoryBuilder().setGitDir(layout.gitDir().toFile()).setMustExist(true).build();
  }

  private static FileMode modeAtHead(FolderLayout layout, Revision head, String path) throws IOException {
    try (Repository repository = repository(layout); RevWalk walk = new RevWalk(repository);
        TreeWalk entry = TreeWalk.forPath(repository, path,
            walk.parseCommit(ObjectId.fromString(head.id())).getTree())) {
      return entry.getFileMode(0);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private boolean gitAvailable() {
    try {
      return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the git command line with no user or system config of its own. */
  private String git(Path directory, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(arguments));
    Path home = Files.createDirectories(temp.resolve("cli-home"));
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CONFIG_HOME", home.toString());
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().remove("GIT_DIR");
    builder.environment().remove("GIT_WORK_TREE");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor()).as("git %s: %s", command, err).isZero();
    return out;
  }

  /** Asks a second JVM to try the OS lock: "busy" or "free". */
  private String probeLockFromAnotherProcess(Path lockFile) throws Exception {
    Path probe = temp.resolve("LockProbe.java");
    Files.writeString(probe, String.join("\n",
        "import java.nio.channels.*; import java.nio.file.*;",
        "public class LockProbe { public static void main(String[] a) throws Exception {",
        "  try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {",
        "    FileLock l = c.tryLock(); System.out.print(l == null ? \"busy\" : \"free\"); } } }",
        ""));
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, probe.toString(), lockFile.toString())
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
