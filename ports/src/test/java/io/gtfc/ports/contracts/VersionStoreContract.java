package io.gtfc.ports.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.ConflictCopies;
import io.gtfc.domain.MergePlan;
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
import io.gtfc.ports.IntegrationGuard;
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

  protected static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

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

    Integration integration = store.integrate(BETA);

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

    Integration integration = b.integrate(ALPHA);

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
    b.integrate(ALPHA);

    write(a, "changed.txt", "v2");
    delete(a, "removed.txt");
    write(a, "sub/added.txt", "new");
    Revision aHead = commit(a, ALPHA, "second");
    deliver(a, ALPHA, b);

    Integration integration = b.integrate(ALPHA);

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
    b.integrate(ALPHA);
    write(b, "b.txt", "y");
    Revision bHead = commit(b, BETA, "ahead of alpha");

    Integration integration = b.integrate(ALPHA);

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
    b.integrate(ALPHA);

    write(a, "x.txt", "alpha's x");
    Revision aHead = commit(a, ALPHA, "alpha edits x");
    write(b, "y.txt", "beta's y");
    Revision bHead = commit(b, BETA, "beta edits y");
    deliver(a, ALPHA, b);

    Integration integration = b.integrate(ALPHA);

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
    assertThat(integration.conflicts()).isEmpty();
    HistoryEntry newest = b.history(Optional.empty(), 1).get(0);
    assertThat(newest.author()).isEqualTo("gtfc");
    assertThat(newest.message()).isEqualTo("gtfc: merge");
    assertThat(newest.when()).as("the later parent's time").isEqualTo(timeOf(b, bHead));
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

    Integration integration = b.integrate(ALPHA);

    assertThat(integration.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(text(readInWorkingTree(b.layout(), path("from-alpha.txt")))).isEqualTo("a");
    assertThat(text(readInWorkingTree(b.layout(), path("from-beta.txt")))).isEqualTo("b");
  }

  @Test
  void editsOfTheSameLineKeepBothTheLaterAtThePath() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "both.txt", "base\n");
    write(a, "both.txt", "alpha was here\n");
    Revision aHead = commit(a, ALPHA, "alpha edits");
    write(b, "both.txt", "beta was here\n");
    commit(b, BETA, "beta edits");
    RelativePath copy = ConflictCopies.name(path("both.txt"), ALPHA, timeOf(a, aHead), 1);

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).containsExactly(MergePlan.Conflict.of(path("both.txt"), copy, ALPHA));
    for (VersionStore store : List.of(a, b)) {
      assertThat(text(readInWorkingTree(store.layout(), path("both.txt")))).isEqualTo("beta was here\n");
      assertThat(text(readInWorkingTree(store.layout(), copy))).isEqualTo("alpha was here\n");
      assertThat(text(store.readAtHead(copy))).isEqualTo("alpha was here\n");
    }
  }

  @Test
  void aConflictCopyIsNamedAfterTheNodeWhoseEditItHoldsNotTheOneWhoseTipItCameWith() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    VersionStore c = create("c");
    share(a, b, "shared.txt", "base\n");
    deliver(a, ALPHA, c);
    assertThat(c.integrate(ALPHA).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    write(b, "shared.txt", "beta was here\n");
    Revision betasEdit = commit(b, BETA, "beta edits");
    deliver(b, BETA, a);
    assertThat(a.integrate(BETA).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    write(a, "other.txt", "alpha's own later edit\n");
    commit(a, ALPHA, "alpha edits another file");
    write(c, "shared.txt", "gamma was here\n");
    commit(c, GAMMA, "gamma edits, last");
    RelativePath copy = ConflictCopies.name(path("shared.txt"), BETA, timeOf(b, betasEdit), 1);
    deliver(a, ALPHA, c);
    deliver(c, GAMMA, a);

    Integration onC = c.integrate(ALPHA);
    Integration onA = a.integrate(GAMMA);

    assertThat(onA.head()).as("the same merge commit on both").isEqualTo(onC.head());
    assertThat(onC.conflicts()).containsExactly(MergePlan.Conflict.of(path("shared.txt"), copy, BETA));
    for (VersionStore store : List.of(a, c)) {
      assertThat(text(readInWorkingTree(store.layout(), path("shared.txt")))).isEqualTo("gamma was here\n");
      assertThat(text(readInWorkingTree(store.layout(), copy))).isEqualTo("beta was here\n");
    }
  }

  @Test
  void integrateDefersAFastForwardOverAnUncommittedEdit() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "doc.txt", "v1");
    commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);
    Revision bHead = b.integrate(ALPHA).head().orElseThrow();
    write(a, "doc.txt", "v2 from alpha");
    commit(a, ALPHA, "second");
    deliver(a, ALPHA, b);
    write(b, "doc.txt", "unsaved edit on beta");

    Integration integration = b.integrate(ALPHA);

    assertThat(integration.outcome()).isEqualTo(Outcome.DEFERRED);
    assertThat(integration.head()).contains(bHead);
    assertThat(integration.changedPaths()).isEmpty();
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
    b.integrate(ALPHA);
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
      assertThat(b.integrate(ALPHA).outcome()).isEqualTo(Outcome.MERGED);
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

  // --- the integration guard, the member directory, deleting a folder ---

  /** A guard on .gtfc that records what it was shown and refuses while {@code refuse} is set. */
  private static final class RecordingGuard implements IntegrationGuard {
    final List<Map<RelativePath, byte[]>> shown = new ArrayList<>();
    private final boolean refuse;

    RecordingGuard(boolean refuse) {
      this.refuse = refuse;
    }

    @Override
    public RelativePath directory() {
      return path(".gtfc");
    }

    @Override
    public Optional<String> refusal(Map<RelativePath, byte[]> before, Map<RelativePath, byte[]> after) {
      shown.add(before);
      shown.add(after);
      return refuse ? Optional.of("not signed") : Optional.empty();
    }
  }

  @Test
  void aRefusingGuardStopsAFastForwardAndChangesNothing() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, ".gtfc/cluster", "id=one");
    write(a, "x.txt", "v1");
    commit(a, ALPHA, "first");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA);
    Revision before = b.head().orElseThrow();
    write(a, ".gtfc/cluster", "id=two");
    write(a, "x.txt", "v2");
    commit(a, ALPHA, "second");
    deliver(a, ALPHA, b);
    RecordingGuard guard = new RecordingGuard(true);

    Integration refused = b.integrate(ALPHA, guard);

    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(refused.refusal()).contains("not signed");
    assertThat(refused.head()).contains(before);
    assertThat(refused.changedPaths()).isEmpty();
    assertThat(b.head()).contains(before);
    assertThat(text(readInWorkingTree(b.layout(), path("x.txt")))).isEqualTo("v1");
    assertThat(b.pendingChanges()).isEmpty();
    assertThat(b.inbox()).containsKey(ALPHA);
    assertThat(text(Optional.of(guard.shown.get(0).get(path(".gtfc/cluster"))))).isEqualTo("id=one");
    assertThat(text(Optional.of(guard.shown.get(1).get(path(".gtfc/cluster"))))).isEqualTo("id=two");
    assertThat(guard.shown.get(1)).containsOnlyKeys(path(".gtfc/cluster"));

    assertThat(b.integrate(ALPHA, new RecordingGuard(false)).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    assertThat(text(readInWorkingTree(b.layout(), path("x.txt")))).isEqualTo("v2");
  }

  @Test
  void aRefusingGuardStopsAMergeAndChangesNothing() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "x.txt", "base");
    commit(a, ALPHA, "base");
    deliver(a, ALPHA, b);
    b.integrate(ALPHA);
    write(a, ".gtfc/authorized_keys", "someone");
    commit(a, ALPHA, "alpha adds a key");
    write(b, "y.txt", "beta's");
    Revision bHead = commit(b, BETA, "beta edits");
    deliver(a, ALPHA, b);
    RecordingGuard guard = new RecordingGuard(true);

    Integration refused = b.integrate(ALPHA, guard);

    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(b.head()).contains(bHead);
    assertThat(readInWorkingTree(b.layout(), path(".gtfc/authorized_keys"))).isEmpty();
    assertThat(guard.shown.get(0)).isEmpty();
    assertThat(guard.shown.get(1)).containsOnlyKeys(path(".gtfc/authorized_keys"));
    assertThat(b.pendingChanges()).isEmpty();
  }

  @Test
  void theGuardIsNotAskedWhenThereIsNothingToIntegrate() {
    VersionStore a = create("a");
    RecordingGuard guard = new RecordingGuard(true);

    assertThat(a.integrate(ALPHA, guard).outcome()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(guard.shown).isEmpty();
  }

  @Test
  void filesUnderReadsOneDirectoryOfARevision() {
    VersionStore store = create("a");
    write(store, ".gtfc/cluster", "id=one");
    write(store, ".gtfc/deep/settings", "s");
    write(store, ".gtfcx", "not in it");
    write(store, "other/file.txt", "no");
    Revision first = commit(store, ALPHA, "first");
    write(store, ".gtfc/cluster", "id=two");
    commit(store, ALPHA, "second");

    Map<RelativePath, byte[]> files = store.filesUnder(path(".gtfc"), first);

    assertThat(files).containsOnlyKeys(path(".gtfc/cluster"), path(".gtfc/deep/settings"));
    assertThat(text(Optional.of(files.get(path(".gtfc/cluster"))))).isEqualTo("id=one");
    assertThat(store.filesUnder(path("nowhere"), first)).isEmpty();
  }

  @Test
  void deleteRemovesTheFolderAndItsHistory() {
    VersionStore store = create("a");
    FolderLayout layout = store.layout();
    write(store, "gone/with/it.txt", "x");
    commit(store, ALPHA, "first");
    store.close();

    stores.delete(layout);

    assertThat(stores.exists(layout)).isFalse();
    assertThat(readInWorkingTree(layout, path("gone/with/it.txt"))).isEmpty();
    stores.delete(layout);
  }

  @Test
  void deleteRefusesAFolderGtfcDoesNotKeep() {
    FolderLayout plain = FolderLayout.of(temp.resolve("plain"));
    writeInWorkingTree(plain, path("file.txt"), bytes("mine"));

    assertThatThrownBy(() -> stores.delete(plain))
        .isInstanceOfSatisfying(GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_STATE));
    assertThat(text(readInWorkingTree(plain, path("file.txt")))).isEqualTo("mine");
  }

  // --- convergence: the same merge on every node, nothing lost ---

  @Test
  void mergingTheSamePairInBothDirectionsMakesTheSameCommit() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "x.txt", "base x");
    write(a, "x.txt", "alpha's x");
    Revision aHead = commit(a, ALPHA, "alpha edits x");
    write(b, "y.txt", "beta's y");
    Revision bHead = commit(b, BETA, "beta adds y");

    Integration integration = mergeBothWays(a, b);

    Revision merge = integration.head().orElseThrow();
    assertThat(integration.conflicts()).isEmpty();
    for (VersionStore store : List.of(a, b)) {
      assertThat(store.head()).contains(merge);
      assertThat(text(readInWorkingTree(store.layout(), path("x.txt")))).isEqualTo("alpha's x");
      assertThat(text(readInWorkingTree(store.layout(), path("y.txt")))).isEqualTo("beta's y");
      HistoryEntry entry = store.history(Optional.empty(), 1).get(0);
      assertThat(entry.author()).isEqualTo("gtfc");
      assertThat(entry.message()).isEqualTo("gtfc: merge");
      assertThat(entry.when()).isEqualTo(timeOf(store, bHead));
      assertThat(store.compare(merge, aHead)).isEqualTo(Divergence.of(2, 0));
    }
    deliver(a, ALPHA, b);
    assertThat(b.integrate(ALPHA).outcome()).as("the cluster is quiet again").isEqualTo(Outcome.UP_TO_DATE);
  }

  @Test
  void binaryEditsOfOneFileKeepBothTheLaterAtThePath() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "img/photo.jpg", "\0base");
    write(a, "img/photo.jpg", "\0alpha's photo");
    Revision aHead = commit(a, ALPHA, "alpha edits");
    write(b, "img/photo.jpg", "\0beta's photo");
    commit(b, BETA, "beta edits later");
    RelativePath copy = ConflictCopies.name(path("img/photo.jpg"), ALPHA, timeOf(a, aHead), 1);
    assertThat(copy.value()).startsWith("img/photo.sync-conflict-").endsWith("-alpha.jpg");

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts())
        .containsExactly(MergePlan.Conflict.of(path("img/photo.jpg"), copy, ALPHA));
    for (VersionStore store : List.of(a, b)) {
      assertThat(text(readInWorkingTree(store.layout(), path("img/photo.jpg")))).isEqualTo("\0beta's photo");
      assertThat(text(readInWorkingTree(store.layout(), copy))).isEqualTo("\0alpha's photo");
      assertThat(store.filesAt(store.head().orElseThrow())).containsExactly(path("img/photo.jpg"), copy);
    }
  }

  @Test
  void twoAdditionsOfOnePathKeepBoth() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "readme.txt", "shared");
    write(a, "new.md", "alpha's idea\n");
    Revision aHead = commit(a, ALPHA, "alpha adds");
    write(b, "new.md", "beta's idea\n");
    commit(b, BETA, "beta adds");
    RelativePath copy = ConflictCopies.name(path("new.md"), ALPHA, timeOf(a, aHead), 1);

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).containsExactly(MergePlan.Conflict.of(path("new.md"), copy, ALPHA));
    for (VersionStore store : List.of(a, b)) {
      assertThat(text(readInWorkingTree(store.layout(), path("new.md")))).isEqualTo("beta's idea\n");
      assertThat(text(readInWorkingTree(store.layout(), copy))).isEqualTo("alpha's idea\n");
    }
  }

  @Test
  void anEditBeatsAConcurrentDelete() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "notes/plan.txt", "draft");
    write(a, "notes/plan.txt", "final plan");
    commit(a, ALPHA, "alpha edits");
    delete(b, "notes/plan.txt");
    commit(b, BETA, "beta deletes, later");

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).isEmpty();
    for (VersionStore store : List.of(a, b)) {
      assertThat(text(readInWorkingTree(store.layout(), path("notes/plan.txt")))).isEqualTo("final plan");
      assertThat(store.trackedFileCount()).isEqualTo(1);
    }
  }

  @Test
  void aFileAndADirectoryOfTheSameNameKeepBoth() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "readme.txt", "shared");
    write(a, "x", "a file named x");
    Revision aHead = commit(a, ALPHA, "alpha adds a file");
    write(b, "x/inner.txt", "in a directory named x");
    commit(b, BETA, "beta adds a directory");
    RelativePath copy = ConflictCopies.name(path("x"), ALPHA, timeOf(a, aHead), 1);

    Integration integration = mergeBothWays(a, b);

    assertThat(integration.conflicts()).containsExactly(MergePlan.Conflict.of(path("x"), copy, ALPHA));
    for (VersionStore store : List.of(a, b)) {
      assertThat(text(readInWorkingTree(store.layout(), path("x/inner.txt")))).isEqualTo("in a directory named x");
      assertThat(text(readInWorkingTree(store.layout(), copy))).isEqualTo("a file named x");
      assertThat(store.readAtHead(path("x"))).isEmpty();
    }
  }

  @Test
  void integrateDefersAMergeOverAnUncommittedEditAndChangesNothing() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    share(a, b, "doc.txt", "v1");
    write(a, "doc.txt", "alpha's v2");
    commit(a, ALPHA, "alpha edits");
    write(b, "other.txt", "beta's file");
    Revision bHead = commit(b, BETA, "beta adds");
    deliver(a, ALPHA, b);
    write(b, "doc.txt", "beta is typing");

    Integration deferred = b.integrate(ALPHA);

    assertThat(deferred.outcome()).isEqualTo(Outcome.DEFERRED);
    assertThat(deferred.head()).contains(bHead);
    assertThat(deferred.conflicts()).isEmpty();
    assertThat(b.head()).contains(bHead);
    assertThat(text(readInWorkingTree(b.layout(), path("doc.txt")))).isEqualTo("beta is typing");
    assertThat(b.pendingChanges()).containsExactly(path("doc.txt"));
    assertThat(b.trackedFileCount()).isEqualTo(2);

    commit(b, BETA, "beta's edit");
    Integration merged = b.integrate(ALPHA);
    assertThat(merged.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(merged.conflicts()).singleElement()
        .satisfies(c -> assertThat(c.path()).isEqualTo(path("doc.txt")));
    assertThat(text(readInWorkingTree(b.layout(), path("doc.txt")))).isEqualTo("beta is typing");
    assertThat(text(readInWorkingTree(b.layout(), merged.conflicts().get(0).copy()))).isEqualTo("alpha's v2");
  }

  // --- committing named paths ---

  @Test
  void commitPathsCommitsOnlyTheGivenPaths() {
    VersionStore store = create("a");
    write(store, "a.txt", "a1");
    write(store, "b.txt", "b1");
    write(store, "gone.txt", "soon gone");
    write(store, "dir/x.txt", "x1");
    write(store, "dir/sub/y.txt", "y1");
    commit(store, ALPHA, "first");
    write(store, "a.txt", "a2");
    write(store, "b.txt", "b2");
    delete(store, "gone.txt");
    write(store, "dir/x.txt", "x2");
    delete(store, "dir/sub/y.txt");
    write(store, "dir/new.txt", "new");

    Revision second = store.commitPaths(
        List.of(path("a.txt"), path("gone.txt"), path("dir")), spec(ALPHA, "some")).orElseThrow();

    assertThat(store.head()).contains(second);
    assertThat(store.filesAt(second))
        .containsExactly(path("a.txt"), path("b.txt"), path("dir/new.txt"), path("dir/x.txt"));
    assertThat(text(store.readAtHead(path("a.txt")))).isEqualTo("a2");
    assertThat(text(store.readAtHead(path("b.txt")))).as("not named: stays as it was").isEqualTo("b1");
    assertThat(text(store.readAtHead(path("dir/x.txt")))).isEqualTo("x2");
    assertThat(store.pendingChanges()).containsExactly(path("b.txt"));
    assertThat(store.history(Optional.empty(), 1).get(0).message()).isEqualTo("some");
  }

  @Test
  void commitPathsMakesNoEmptyCommit() {
    VersionStore store = create("a");
    assertThat(store.commitPaths(List.of(path("nothing.txt")), spec(ALPHA, "nothing"))).isEmpty();
    write(store, "a.txt", "a");
    Revision first = store.commitPaths(List.of(path("a.txt")), spec(ALPHA, "first")).orElseThrow();
    write(store, "b.txt", "b");

    assertThat(store.commitPaths(List.of(path("a.txt"), path("never.txt")), spec(ALPHA, "again"))).isEmpty();
    assertThat(store.commitPaths(List.of(), spec(ALPHA, "none"))).isEmpty();
    assertThat(store.head()).contains(first);
    assertThat(store.pendingChanges()).containsExactly(path("b.txt"));
  }

  // --- the past: reading, restoring, counting ---

  @Test
  void readAtAndFilesAtShowAPastVersion() {
    VersionStore store = create("a");
    write(store, "a.txt", "1");
    write(store, "d/b.txt", "b");
    Revision first = commit(store, ALPHA, "first");
    write(store, "a.txt", "2");
    delete(store, "d/b.txt");
    write(store, "c.txt", "c");
    Revision second = commit(store, ALPHA, "second");

    assertThat(text(store.readAt(path("a.txt"), first))).isEqualTo("1");
    assertThat(text(store.readAt(path("a.txt"), second))).isEqualTo("2");
    assertThat(text(store.readAt(path("d/b.txt"), first))).isEqualTo("b");
    assertThat(store.readAt(path("d/b.txt"), second)).isEmpty();
    assertThat(store.readAt(path("d"), first)).isEmpty();
    assertThat(store.filesAt(first)).containsExactly(path("a.txt"), path("d/b.txt"));
    assertThat(store.filesAt(second)).containsExactly(path("a.txt"), path("c.txt"));
    Revision unknown = Revision.of("0123456789abcdef0123456789abcdef01234567");
    assertThatThrownBy(() -> store.filesAt(unknown)).isInstanceOf(GtfcException.class);
    assertThatThrownBy(() -> store.readAt(path("a.txt"), unknown)).isInstanceOf(GtfcException.class);
  }

  @Test
  void revisionAtFindsTheNewestCommitAtOrBeforeATime() {
    VersionStore store = create("a");
    assertThat(store.revisionAt(START)).isEmpty();
    Instant t1 = Instant.parse("2026-04-01T10:00:00Z");
    Instant t2 = Instant.parse("2026-04-01T11:00:00Z");
    Instant t3 = Instant.parse("2026-04-02T09:00:00Z");
    write(store, "f.txt", "1");
    Revision first = store.commitPending(CommitSpec.of(ALPHA, t1, "one")).orElseThrow();
    write(store, "f.txt", "2");
    Revision second = store.commitPending(CommitSpec.of(ALPHA, t2, "two")).orElseThrow();
    write(store, "f.txt", "3");
    Revision third = store.commitPending(CommitSpec.of(BETA, t3, "three")).orElseThrow();

    assertThat(store.revisionAt(t1.minusSeconds(1))).isEmpty();
    assertThat(store.revisionAt(t1)).contains(first);
    assertThat(store.revisionAt(t2.minusSeconds(1))).contains(first);
    assertThat(store.revisionAt(t2.plusSeconds(30))).contains(second);
    assertThat(store.revisionAt(t3.plus(Duration.ofDays(365)))).contains(third);
  }

  @Test
  void deleteFileRemovesTheFileAndNothingWhenAbsent() {
    VersionStore store = create("a");
    write(store, "deep/er/file.txt", "x");
    write(store, "only/one.txt", "y");
    commit(store, ALPHA, "first");

    store.deleteFile(path("deep/er/file.txt"));
    store.deleteFile(path("deep/er/file.txt"));
    store.deleteFile(path("never/was.txt"));

    assertThat(readInWorkingTree(store.layout(), path("deep/er/file.txt"))).isEmpty();
    assertThat(store.pendingChanges()).containsExactly(path("deep/er/file.txt"));
    assertThat(text(readInWorkingTree(store.layout(), path("only/one.txt")))).isEqualTo("y");
    assertThatThrownBy(() -> store.deleteFile(path(".git")))
        .isInstanceOfSatisfying(GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_INPUT));
  }

  @Test
  void restoringAnOldVersionIsANewChange() {
    VersionStore store = create("a");
    write(store, "f.txt", "old");
    Revision first = commit(store, ALPHA, "first");
    delete(store, "f.txt");
    commit(store, ALPHA, "deleted");

    store.writeFile(path("f.txt"), store.readAt(path("f.txt"), first).orElseThrow());

    assertThat(store.pendingChanges()).containsExactly(path("f.txt"));
    store.commitPaths(List.of(path("f.txt")), spec(ALPHA, "restore"));
    assertThat(text(store.readAtHead(path("f.txt")))).isEqualTo("old");
  }

  @Test
  void trackedFileCountCountsTheFilesOfTheHead() {
    VersionStore store = create("a");
    assertThat(store.trackedFileCount()).isZero();
    write(store, "a.txt", "a");
    write(store, "d/b.txt", "b");
    write(store, "d/e/c.txt", "c");
    commit(store, ALPHA, "three");
    assertThat(store.trackedFileCount()).isEqualTo(3);

    delete(store, "d/b.txt");
    write(store, "untracked.txt", "not yet");
    assertThat(store.trackedFileCount()).as("the head, not the working tree").isEqualTo(3);
    store.commitPaths(List.of(path("d")), spec(ALPHA, "one less"));
    assertThat(store.trackedFileCount()).isEqualTo(2);
  }

  @Test
  void historyEntriesNameThePathsTheirCommitChanged() {
    VersionStore store = create("a");
    write(store, "a.txt", "1");
    write(store, "d/b.txt", "b");
    commit(store, ALPHA, "root");
    write(store, "a.txt", "2");
    delete(store, "d/b.txt");
    write(store, "c.txt", "c");
    commit(store, ALPHA, "second");
    write(store, "c.txt", "c2");
    commit(store, ALPHA, "third");

    assertThat(store.history(Optional.empty(), 10))
        .extracting(HistoryEntry::paths)
        .containsExactly(
            List.of(path("c.txt")),
            List.of(path("a.txt"), path("c.txt"), path("d/b.txt")),
            List.of(path("a.txt"), path("d/b.txt")));
    assertThat(store.history(Optional.of(path("a.txt")), 10))
        .extracting(HistoryEntry::paths)
        .as("every path of each commit, not only the one asked for")
        .containsExactly(
            List.of(path("a.txt"), path("c.txt"), path("d/b.txt")),
            List.of(path("a.txt"), path("d/b.txt")));
  }

  @Test
  void historyEntriesNameTheirParentsAndDescribeFindsAnyCommit() {
    VersionStore a = create("a");
    VersionStore b = create("b");
    Revision base = share(a, b, "shared.txt", "base");
    write(a, "a.txt", "from a");
    Revision onA = commit(a, ALPHA, "a's edit");
    write(b, "b.txt", "from b");
    Revision onB = commit(b, BETA, "b's edit");
    deliver(b, BETA, a);

    HistoryEntry inbox = a.describe(onB);
    assertThat(inbox.author()).isEqualTo("beta");
    assertThat(inbox.message()).isEqualTo("b's edit");
    assertThat(inbox.parents()).containsExactly(base);
    assertThat(inbox.paths()).containsExactly(path("b.txt"));
    assertThat(inbox.merge()).isFalse();

    Revision merged = a.integrate(BETA).head().orElseThrow();
    HistoryEntry merge = a.describe(merged);
    assertThat(merge.merge()).isTrue();
    assertThat(merge.parents()).containsExactlyInAnyOrder(onA, onB);
    assertThat(a.history(Optional.empty(), 10).get(0)).isEqualTo(merge);
    assertThat(a.describe(base).parents()).isEmpty();
    assertThatThrownBy(() -> b.describe(onA))
        .isInstanceOf(GtfcException.class)
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.BAD_INPUT);
  }

  @Test
  void diffShowsWhatChangedBetweenRevisionsAndInTheWorkingTree() {
    VersionStore store = create("a");
    write(store, "notes.txt", "one\ntwo\n");
    write(store, "other.txt", "same\n");
    Revision first = commit(store, ALPHA, "first");
    write(store, "notes.txt", "one\nTWO\n");
    write(store, "added.txt", "new\n");
    Revision second = commit(store, ALPHA, "second");

    assertThat(store.diff(Optional.empty(), Optional.empty(), Optional.empty())).as("nothing pending").isEmpty();
    String change = store.diff(Optional.empty(), Optional.of(second), Optional.empty());
    assertThat(change)
        .contains("--- a/notes.txt", "+++ b/notes.txt", "-two", "+TWO", "+++ b/added.txt", "+new")
        .doesNotContain("other.txt");
    assertThat(store.diff(Optional.of(first), Optional.of(second), Optional.of(path("added.txt"))))
        .contains("+new").doesNotContain("notes.txt");
    assertThat(store.diff(Optional.empty(), Optional.of(first), Optional.empty()))
        .as("a root commit against nothing").contains("+one", "+same");

    delete(store, "added.txt");
    write(store, "notes.txt", "one\nTWO\nthree\n");
    String pending = store.diff(Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(pending).contains("+three", "-new", "--- a/added.txt").doesNotContain(".git");
    assertThat(store.diff(Optional.of(first), Optional.empty(), Optional.of(path("notes.txt"))))
        .contains("-two", "+TWO", "+three");
  }

  @Test
  void verifyFindsNothingWrongInASoundHistory() {
    VersionStore store = create("a");
    assertThat(store.verify()).isEmpty();
    write(store, "a.txt", "x");
    write(store, "d/b.txt", "y");
    commit(store, ALPHA, "first");
    assertThat(store.verify()).isEmpty();
  }

  protected final VersionStore create(String name) {
    return track(stores.create(FolderLayout.of(temp.resolve(name))));
  }

  /** Commits {@code path} on {@code a} and brings it to {@code b}: the common base of a later merge. */
  protected final Revision share(VersionStore a, VersionStore b, String path, String content) {
    write(a, path, content);
    Revision base = commit(a, ALPHA, "base");
    deliver(a, ALPHA, b);
    assertThat(b.integrate(ALPHA).outcome()).isEqualTo(Outcome.FAST_FORWARD);
    return base;
  }

  /**
   * Both stores receive the other's head and integrate it, as two nodes that committed at once: both
   * must make the same merge commit, report the same conflicts and end with the same files.
   */
  protected final Integration mergeBothWays(VersionStore a, VersionStore b) {
    deliver(a, ALPHA, b);
    deliver(b, BETA, a);

    Integration onB = b.integrate(ALPHA);
    Integration onA = a.integrate(BETA);

    assertThat(onA.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(onB.outcome()).isEqualTo(Outcome.MERGED);
    assertThat(onA.head()).as("the same merge commit on both").isEqualTo(onB.head());
    assertThat(onA.conflicts()).isEqualTo(onB.conflicts());
    assertThat(a.pendingChanges()).isEmpty();
    assertThat(b.pendingChanges()).isEmpty();
    Revision merge = onA.head().orElseThrow();
    for (RelativePath file : a.filesAt(merge)) {
      assertThat(readInWorkingTree(a.layout(), file)).as("%s in a", file).hasValue(a.readAt(file, merge).orElseThrow());
      assertThat(readInWorkingTree(b.layout(), file)).as("%s in b", file).hasValue(b.readAt(file, merge).orElseThrow());
    }
    return onB;
  }

  /** The commit time of {@code revision}, as its history entry reports it. */
  protected static Instant timeOf(VersionStore store, Revision revision) {
    return store.history(Optional.empty(), 1000).stream()
        .filter(e -> e.revision().equals(revision))
        .findFirst().orElseThrow().when();
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
