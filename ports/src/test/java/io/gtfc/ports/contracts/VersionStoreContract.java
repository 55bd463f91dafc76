package io.gtfc.ports.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.Divergence;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.HistoryEntry;
import io.gtfc.ports.Integration;
import io.gtfc.ports.Integration.Outcome;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link VersionStore} must do, run against the in-memory fake and the real adapter
 * alike. A subclass supplies the stores and the means to edit a working tree behind the store's
 * back (as a user or an editor would) and to deliver one store's branch into another's inbox (as
 * a transport would).
 */
@SuppressWarnings("try") // a try block holds the folder lock without naming it
public abstract class VersionStoreContract {
  protected static final NodeId ALPHA = NodeId.of("alpha");
  protected static final NodeId BETA = NodeId.of("beta");
  protected static final NodeId GAMMA = NodeId.of("gamma");

  private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

  @TempDir protected Path temp;

  private VersionStores stores;
  private final List<VersionStore> opened = new ArrayList<>();
  private int minutes;

  /** The stores under test; folders are created below {@code tempDir}. */
  protected abstract VersionStores stores(Path tempDir);

  /** Writes a file in the folder's working tree without going through the store. */
  protected abstract void writeInWorkingTree(FolderLayout folder, RelativePath path, byte[] content);

  /** Deletes a file from the folder's working tree without going through the store. */
  protected abstract void deleteInWorkingTree(FolderLayout folder, RelativePath path);

  /** The content of a file in the folder's working tree; empty when it does not exist. */
  protected abstract Optional<byte[]> readInWorkingTree(FolderLayout folder, RelativePath path);

  /** Puts the head of {@code from}'s working branch into {@code to}'s inbox for {@code sender}. */
  protected abstract void deliver(VersionStore from, NodeId sender, VersionStore to);

  @BeforeEach
  void openStores() {
    stores = stores(temp);
  }

  @AfterEach
  void closeStores() {
    opened.forEach(VersionStore::close);
  }

  @Test
  void aNewFolderHasNoHeadNoHistoryAndNothingPending() {
    VersionStore store = create("a");

    assertThat(store.head()).isEmpty();
    assertThat(store.history(Optional.empty(), 10)).isEmpty();
    assertThat(store.pendingChanges()).isEmpty();
    assertThat(store.inbox()).isEmpty();
    assertThat(stores.exists(store.layout())).isTrue();
  }

  @Test
  void nothingToCommitGivesNoCommit() {
    VersionStore store = create("a");
    assertThat(store.commitPending(spec(ALPHA, "empty"))).isEmpty();

    write(store, "notes.txt", "one");
    Revision first = store.commitPending(spec(ALPHA, "first")).orElseThrow();

    assertThat(store.commitPending(spec(ALPHA, "again"))).isEmpty();
    assertThat(store.head()).contains(first);
    assertThat(store.history(Optional.empty(), 10)).hasSize(1);
  }

  @Test
  void commitPendingRecordsAdditionsChangesAndDeletions() {
    VersionStore store = create("a");
    write(store, "kept.txt", "v1");
    write(store, "docs/old/gone.txt", "bye");
    commit(store, ALPHA, "first");

    write(store, "kept.txt", "v2");
    delete(store, "docs/old/gone.txt");
    write(store, "docs/new/deep/added.txt", "hello");

    assertThat(store.pendingChanges())
        .containsExactlyInAnyOrder(
            path("kept.txt"), path("docs/old/gone.txt"), path("docs/new/deep/added.txt"));

    commit(store, ALPHA, "second");

    assertThat(store.pendingChanges()).isEmpty();
    assertThat(text(store.readAtHead(path("kept.txt")))).isEqualTo("v2");
    assertThat(store.readAtHead(path("docs/old/gone.txt"))).isEmpty();
    assertThat(text(store.readAtHead(path("docs/new/deep/added.txt")))).isEqualTo("hello");
  }

  @Test
  void commitRecordsTheSpecsAuthorTimeAndMessage() {
    VersionStore store = create("a");
    write(store, "a.txt", "x");
    Instant when = Instant.parse("2026-05-06T07:08:09Z");

    Revision revision = store.commitPending(CommitSpec.of(BETA, when, "from beta")).orElseThrow();

    HistoryEntry entry = store.history(Optional.empty(), 1).get(0);
    assertThat(entry.revision()).isEqualTo(revision);
    assertThat(entry.by(BETA)).isTrue();
    assertThat(entry.when()).isEqualTo(when);
    assertThat(entry.message()).isEqualTo("from beta");
  }

  @Test
  void sameContentAuthorAndTimeGiveTheSameRevisionInTwoFolders() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "same.txt", "content");
    write(b, "same.txt", "content");
    CommitSpec spec = CommitSpec.of(ALPHA, START, "same");

    assertThat(a.commitPending(spec)).isEqualTo(b.commitPending(spec));
  }

  @Test
  void existingFilesBecomePendingChangesOfANewFolder() {
    FolderLayout layout = FolderLayout.of(temp.resolve("existing"));
    writeInWorkingTree(layout, path("before.txt"), bytes("was here"));

    VersionStore store = track(stores.create(layout));

    assertThat(store.pendingChanges()).containsExactly(path("before.txt"));
  }

  @Test
  void writeFileCreatesParentsAndReplacesTheContent() {
    VersionStore store = create("a");

    store.writeFile(path("x/y/z.txt"), bytes("first"));
    assertThat(text(readInWorkingTree(store.layout(), path("x/y/z.txt")))).isEqualTo("first");

    store.writeFile(path("x/y/z.txt"), bytes("second"));
    assertThat(text(readInWorkingTree(store.layout(), path("x/y/z.txt")))).isEqualTo("second");
    assertThat(store.pendingChanges()).containsExactly(path("x/y/z.txt"));
  }

  @Test
  void writeFileRefusesTheGitFile() {
    VersionStore store = create("a");

    assertThatThrownBy(() -> store.writeFile(path(".git"), bytes("gitdir: /elsewhere")))
        .isInstanceOfSatisfying(GtfcException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.BAD_INPUT));
  }

  @Test
  void readAtHeadIsEmptyWithoutHeadAndForMissingPaths() {
    VersionStore store = create("a");
    assertThat(store.readAtHead(path("a.txt"))).isEmpty();

    write(store, "dir/a.txt", "x");
    commit(store, ALPHA, "first");

    assertThat(store.readAtHead(path("b.txt"))).isEmpty();
    assertThat(store.readAtHead(path("dir"))).isEmpty();
    assertThat(text(store.readAtHead(path("dir/a.txt")))).isEqualTo("x");
  }

  @Test
  void integrateIsUpToDateWithoutAnInbox() {
    VersionStore store = create("a");

    Integration integration = store.integrate(BETA, spec(ALPHA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(integration.sender()).isEqualTo(BETA);
    assertThat(integration.head()).isEmpty();
    assertThat(integration.changedPaths()).isEmpty();
  }

  @Test
  void integrateFastForwardsAnUnbornBranch() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "shared/readme.txt", "hi");
    Revision aHead = commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);

    Integration integration = b.integrate(ALPHA, spec(BETA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(integration.head()).contains(aHead);
    assertThat(integration.changedPaths()).containsExactly(path("shared/readme.txt"));
    assertThat(b.head()).contains(aHead);
    assertThat(text(readInWorkingTree(b.layout(), path("shared/readme.txt")))).isEqualTo("hi");
    assertThat(b.pendingChanges()).isEmpty();
  }

  @Test
  void integrateFastForwardsAndUpdatesTheWorkingTree() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "changed.txt", "v1");
    write(a, "removed.txt", "old");
    write(a, "same.txt", "same");
    commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA, spec(BETA, "merge"));

    write(a, "changed.txt", "v2");
    delete(a, "removed.txt");
    write(a, "sub/added.txt", "new");
    Revision aHead = commit(a, ALPHA, "second");
    deliver(a, ALPHA, b);

    Integration integration = b.integrate(ALPHA, spec(BETA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(integration.changedPaths())
        .containsExactlyInAnyOrder(path("changed.txt"), path("removed.txt"), path("sub/added.txt"));
    assertThat(b.head()).contains(aHead);
    assertThat(text(readInWorkingTree(b.layout(), path("changed.txt")))).isEqualTo("v2");
    assertThat(readInWorkingTree(b.layout(), path("removed.txt"))).isEmpty();
    assertThat(text(readInWorkingTree(b.layout(), path("sub/added.txt")))).isEqualTo("new");
    assertThat(text(readInWorkingTree(b.layout(), path("same.txt")))).isEqualTo("same");
    assertThat(b.pendingChanges()).isEmpty();
  }

  @Test
  void integrateIsUpToDateWhenTheInboxIsAlreadyContained() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "a.txt", "x");
    commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA, spec(BETA, "merge"));
    write(b, "b.txt", "y");
    Revision bHead = commit(b, BETA, "ahead of alpha");

    Integration integration = b.integrate(ALPHA, spec(BETA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(integration.head()).contains(bHead);
    assertThat(integration.changedPaths()).isEmpty();
    assertThat(b.head()).contains(bHead);
  }

  @Test
  void integrateMergesDivergentHistoriesWithoutLosingEitherEdit() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "x.txt", "base x");
    write(a, "y.txt", "base y");
    Revision base = commit(a, ALPHA, "base");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA, spec(BETA, "merge"));

    write(a, "x.txt", "alpha's x");
    Revision aHead = commit(a, ALPHA, "alpha edits x");
    write(b, "y.txt", "beta's y");
    Revision bHead = commit(b, BETA, "beta edits y");
    deliver(a, ALPHA, b);

    CommitSpec mergeSpec = spec(BETA, "merge alpha");
    Integration integration = b.integrate(ALPHA, mergeSpec);

    assertThat(integration.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(integration.changedPaths()).containsExactly(path("x.txt"));
    Revision merge = integration.head().orElseThrow();
    assertThat(merge).isNotIn(base, aHead, bHead);
    assertThat(b.head()).contains(merge);
    assertThat(text(readInWorkingTree(b.layout(), path("x.txt")))).isEqualTo("alpha's x");
    assertThat(text(readInWorkingTree(b.layout(), path("y.txt")))).isEqualTo("beta's y");
    assertThat(text(b.readAtHead(path("x.txt")))).isEqualTo("alpha's x");
    assertThat(text(b.readAtHead(path("y.txt")))).isEqualTo("beta's y");
    assertThat(b.pendingChanges()).isEmpty();
    assertThat(b.compare(merge, aHead)).isEqualTo(Divergence.of(2, 0));
    assertThat(b.compare(merge, bHead)).isEqualTo(Divergence.of(2, 0));
    HistoryEntry newest = b.history(Optional.empty(), 1).get(0);
    assertThat(newest.by(BETA)).isTrue();
    assertThat(newest.message()).isEqualTo("merge alpha");
    assertThat(newest.when()).isEqualTo(mergeSpec.when());
  }

  @Test
  void integrateMergesUnrelatedHistories() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "from-alpha.txt", "a");
    commit(a, ALPHA, "alpha's root");
    write(b, "from-beta.txt", "b");
    commit(b, BETA, "beta's root");
    deliver(a, ALPHA, b);

    Integration integration = b.integrate(ALPHA, spec(BETA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(text(readInWorkingTree(b.layout(), path("from-alpha.txt")))).isEqualTo("a");
    assertThat(text(readInWorkingTree(b.layout(), path("from-beta.txt")))).isEqualTo("b");
  }

  @Test
  void conflictingEditsLeaveEverythingAsItWas() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "both.txt", "base\n");
    commit(a, ALPHA, "base");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA, spec(BETA, "merge"));
    write(a, "both.txt", "alpha was here\n");
    Revision aHead = commit(a, ALPHA, "alpha edits");
    write(b, "both.txt", "beta was here\n");
    Revision bHead = commit(b, BETA, "beta edits");
    deliver(a, ALPHA, b);

    Integration integration = b.integrate(ALPHA, spec(BETA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(integration.head()).contains(bHead);
    assertThat(integration.changedPaths()).isEmpty();
    assertThat(b.head()).contains(bHead);
    assertThat(text(readInWorkingTree(b.layout(), path("both.txt")))).isEqualTo("beta was here\n");
    assertThat(b.pendingChanges()).isEmpty();
    assertThat(b.inbox()).containsEntry(ALPHA, aHead);
    assertThat(b.history(Optional.empty(), 10)).hasSize(2);
  }

  @Test
  void integrateDoesNotOverwriteAnUncommittedEdit() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "doc.txt", "v1");
    commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);
    Revision bHead = b.integrate(ALPHA, spec(BETA, "merge")).head().orElseThrow();
    write(a, "doc.txt", "v2 from alpha");
    commit(a, ALPHA, "second");
    deliver(a, ALPHA, b);
    write(b, "doc.txt", "unsaved edit on beta");

    Integration integration = b.integrate(ALPHA, spec(BETA, "merge"));

    assertThat(integration.outcome()).isEqualTo(Outcome.CONFLICT);
    assertThat(b.head()).contains(bHead);
    assertThat(text(readInWorkingTree(b.layout(), path("doc.txt")))).isEqualTo("unsaved edit on beta");
    assertThat(b.pendingChanges()).containsExactly(path("doc.txt"));
  }

  @Test
  void inboxListsEachSender() {
    VersionStore a = create("a");
    VersionStore c = create("c");
    VersionStore b = create("b");
    write(a, "a.txt", "a");
    commit(a, ALPHA, "from alpha");
    write(c, "c.txt", "c");
    Revision cHead = commit(c, GAMMA, "from gamma");
    deliver(a, ALPHA, b);
    deliver(c, GAMMA, b);
    write(a, "a.txt", "a again");
    Revision aHead = commit(a, ALPHA, "alpha again");
    deliver(a, ALPHA, b);

    assertThat(b.inbox()).isEqualTo(Map.of(ALPHA, aHead, GAMMA, cHead));
    assertThat(b.head()).isEmpty();
  }

  @Test
  void containsKnowsOnlyCommitsThatArrived() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "a.txt", "a");
    Revision aHead = commit(a, ALPHA, "first");

    assertThat(a.contains(aHead)).isTrue();
    assertThat(b.contains(aHead)).isFalse();
    deliver(a, ALPHA, b);
    assertThat(b.contains(aHead)).isTrue();
  }

  @Test
  void compareCountsAheadAndBehind() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "f.txt", "base");
    Revision base = commit(a, ALPHA, "base");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA, spec(BETA, "merge"));
    write(a, "f.txt", "a1");
    commit(a, ALPHA, "a1");
    write(a, "f.txt", "a2");
    Revision aHead = commit(a, ALPHA, "a2");
    write(b, "g.txt", "b1");
    Revision bHead = commit(b, BETA, "b1");
    deliver(a, ALPHA, b);

    assertThat(b.compare(bHead, aHead)).isEqualTo(Divergence.of(1, 2));
    assertThat(b.compare(aHead, bHead)).isEqualTo(Divergence.of(2, 1));
    assertThat(b.compare(base, aHead)).isEqualTo(Divergence.of(0, 2));
    assertThat(b.compare(bHead, bHead).inSync()).isTrue();
  }

  @Test
  void compareRefusesAnUnknownRevision() {
    VersionStore store = create("a");
    write(store, "f.txt", "x");
    Revision head = commit(store, ALPHA, "first");
    Revision unknown = Revision.of("0123456789abcdef0123456789abcdef01234567");

    assertThatThrownBy(() -> store.compare(head, unknown)).isInstanceOf(GtfcException.class);
  }

  @Test
  void historyIsNewestFirstAndFiltersByPath() {
    VersionStore store = create("a");
    write(store, "notes/x.txt", "1");
    commit(store, ALPHA, "one");
    write(store, "y.txt", "2");
    commit(store, BETA, "two");
    write(store, "notes/x.txt", "3");
    commit(store, ALPHA, "three");

    assertThat(store.history(Optional.empty(), 10))
        .extracting(HistoryEntry::message).containsExactly("three", "two", "one");
    assertThat(store.history(Optional.of(path("notes/x.txt")), 10))
        .extracting(HistoryEntry::message).containsExactly("three", "one");
    assertThat(store.history(Optional.of(path("notes")), 10))
        .extracting(HistoryEntry::message).containsExactly("three", "one");
    assertThat(store.history(Optional.of(path("y.txt")), 10))
        .extracting(HistoryEntry::message).containsExactly("two");
    assertThat(store.history(Optional.empty(), 2))
        .extracting(HistoryEntry::message).containsExactly("three", "two");
  }

  @Test
  void lockIsReentrant() throws Exception {
    VersionStore store = create("a");
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      FolderLock outer = store.lock();
      FolderLock inner = store.lock();
      Future<?> waiting = other.submit(() -> store.lock().close());

      inner.close();
      assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS))
          .isInstanceOf(TimeoutException.class);

      outer.close();
      waiting.get(10, TimeUnit.SECONDS);
      assertThat(waiting.isDone()).isTrue();
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void theLockHolderCanCommitAndIntegrate() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "a.txt", "a");
    commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);
    write(b, "b.txt", "b");

    try (FolderLock held = b.lock()) {
      commit(b, BETA, "local first");
      assertThat(b.integrate(ALPHA, spec(BETA, "merge")).outcome()).isEqualTo(Outcome.MERGED);
    }
    assertThat(b.history(Optional.empty(), 10)).hasSize(3);
  }

  @Test
  void createRefusesAnExistingFolder() {
    VersionStore store = create("a");

    assertThatThrownBy(() -> stores.create(store.layout()))
        .isInstanceOfSatisfying(GtfcException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.BAD_STATE));
  }

  @Test
  void openFindsWhatCreateMade() {
    VersionStore created = create("a");
    write(created, "a.txt", "x");
    Revision head = commit(created, ALPHA, "first");

    VersionStore reopened = track(stores.open(created.layout()));

    assertThat(reopened.head()).contains(head);
    assertThat(text(reopened.readAtHead(path("a.txt")))).isEqualTo("x");
  }

  @Test
  void openRefusesAPlainFolder() throws IOException {
    FolderLayout plain = FolderLayout.of(Files.createDirectories(temp.resolve("plain")));

    assertThat(stores.exists(plain)).isFalse();
    assertThatThrownBy(() -> stores.open(plain))
        .isInstanceOfSatisfying(GtfcException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.BAD_STATE));
  }

  @Test
  void findWalksUpToTheFolder() throws IOException {
    VersionStore store = create("a");
    Path deep = Files.createDirectories(store.layout().folder().resolve("sub/deeper"));
    Path outside = Files.createDirectories(temp.resolve("elsewhere"));

    assertThat(stores.find(deep)).contains(store.layout());
    assertThat(stores.find(store.layout().folder())).contains(store.layout());
    assertThat(stores.find(outside)).isEmpty();
  }

  @Test
  void forgetKeepsUserFiles() {
    VersionStore store = create("a");
    FolderLayout layout = store.layout();
    write(store, "keep/me.txt", "precious");
    commit(store, ALPHA, "first");
    store.close();

    stores.forget(layout);

    assertThat(stores.exists(layout)).isFalse();
    assertThat(text(readInWorkingTree(layout, path("keep/me.txt")))).isEqualTo("precious");
    VersionStore again = track(stores.create(layout));
    assertThat(again.head()).isEmpty();
    assertThat(again.pendingChanges()).containsExactly(path("keep/me.txt"));
  }

  @Test
  void forgetOfAPlainFolderDoesNothing() {
    FolderLayout plain = FolderLayout.of(temp.resolve("plain"));
    writeInWorkingTree(plain, path("file.txt"), bytes("mine"));

    stores.forget(plain);

    assertThat(text(readInWorkingTree(plain, path("file.txt")))).isEqualTo("mine");
  }

  protected final VersionStore create(String name) {
    return track(stores.create(FolderLayout.of(temp.resolve(name))));
  }

  protected final VersionStore track(VersionStore store) {
    opened.add(store);
    return store;
  }

  /** A commit spec whose time moves a minute forward on each call, so history order is clear. */
  protected final CommitSpec spec(NodeId author, String message) {
    return CommitSpec.of(author, START.plus(Duration.ofMinutes(++minutes)), message);
  }

  protected final Revision commit(VersionStore store, NodeId author, String message) {
    return store.commitPending(spec(author, message)).orElseThrow();
  }

  protected final void write(VersionStore store, String path, String content) {
    writeInWorkingTree(store.layout(), path(path), bytes(content));
  }

  protected final void delete(VersionStore store, String path) {
    deleteInWorkingTree(store.layout(), path(path));
  }

  protected static RelativePath path(String value) {
    return RelativePath.of(value);
  }

  protected static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  protected static String text(Optional<byte[]> content) {
    return content.map(b -> new String(b, UTF_8)).orElse(null);
  }
}
