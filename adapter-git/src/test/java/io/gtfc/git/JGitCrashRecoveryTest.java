package io.gtfc.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.Refs;
import io.gtfc.ports.VersionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed in the middle of moving its working tree restarts consistent. The tests build the
 * states a crash leaves (the journal, some files already new, temporary and lock files) by hand,
 * then open the folder again.
 */
class JGitCrashRecoveryTest {
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
  void anInterruptedCheckoutIsFinishedOnOpenKeepingTheUsersEdit() throws IOException {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "keep.txt", "same");
    write(a, "first.txt", "first v1");
    write(a, "second.txt", "second v1");
    write(a, "removed/old.txt", "old");
    write(a, "typed.txt", "typed v1");
    commit(a, ALPHA);
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    Revision old = b.integrate(ALPHA).head().orElseThrow();
    write(a, "first.txt", "first v2");
    write(a, "second.txt", "second v2");
    Files.delete(a.layout().folder().resolve("removed/old.txt"));
    write(a, "added/deep/new.txt", "new");
    write(a, "typed.txt", "typed v2");
    Revision next = commit(a, ALPHA);
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    FolderLayout layout = b.layout();
    b.close();

    // the crash: journal written, one file already replaced, one half-written beside its path,
    // the index locked, and meanwhile the user typed into a file the checkout was about to change
    new CheckoutJournal(layout.gitDir()).begin(id(old), id(next));
    write(layout, "first.txt", "first v2");
    write(layout, ".second.txt.0f8e7d6c.gtfc-tmp", "second v");
    write(layout, "typed.txt", "the user's words");
    Files.writeString(layout.gitDir().resolve("index.lock"), "half an index");
    Files.writeString(layout.gitDir().resolve("refs/heads/main.lock"), "half a ref");

    VersionStore reopened = track(stores.open(layout));

    assertThat(reopened.head()).contains(next);
    assertThat(read(layout, "keep.txt")).isEqualTo("same");
    assertThat(read(layout, "first.txt")).isEqualTo("first v2");
    assertThat(read(layout, "second.txt")).isEqualTo("second v2");
    assertThat(read(layout, "added/deep/new.txt")).isEqualTo("new");
    assertThat(layout.folder().resolve("removed")).doesNotExist();
    assertThat(read(layout, "typed.txt")).as("an edit is never overwritten").isEqualTo("the user's words");
    assertThat(reopened.pendingChanges()).containsExactly(RelativePath.of("typed.txt"));
    assertThat(layout.folder().resolve(".second.txt.0f8e7d6c.gtfc-tmp")).doesNotExist();
    assertThat(layout.gitDir().resolve(CheckoutJournal.FILE)).doesNotExist();
    assertThat(layout.gitDir().resolve("index.lock")).doesNotExist();
    assertThat(layout.gitDir().resolve("refs/heads/main.lock")).doesNotExist();

    Revision kept = reopened.commitPending(spec(BETA)).orElseThrow();
    assertThat(reopened.readAt(RelativePath.of("typed.txt"), kept)).hasValue(bytes("the user's words"));
    assertThat(reopened.readAt(RelativePath.of("typed.txt"), next)).hasValue(bytes("typed v2"));
    assertThat(reopened.pendingChanges()).isEmpty();
  }

  @Test
  void aCrashAfterTheBranchMovedOnlyLeavesTheJournalToClear() throws IOException {
    VersionStore a = create("a");
    VersionStore b = create("b");
    write(a, "f.txt", "v1");
    Revision old = commit(a, ALPHA);
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    b.integrate(ALPHA);
    write(a, "f.txt", "v2");
    Revision next = commit(a, ALPHA);
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    b.integrate(ALPHA);
    FolderLayout layout = b.layout();
    b.close();
    new CheckoutJournal(layout.gitDir()).begin(id(old), id(next));

    VersionStore reopened = track(stores.open(layout));

    assertThat(reopened.head()).contains(next);
    assertThat(read(layout, "f.txt")).isEqualTo("v2");
    assertThat(reopened.pendingChanges()).isEmpty();
    assertThat(layout.gitDir().resolve(CheckoutJournal.FILE)).doesNotExist();
  }

  @Test
  void aFirstCheckoutInterruptedBeforeTheBranchExistedIsFinished() throws IOException {
    VersionStore a = create("a");
    write(a, "one.txt", "1");
    write(a, "dir/two.txt", "2");
    Revision aHead = commit(a, ALPHA);
    VersionStore b = create("b");
    Deliveries.deliver(a.layout(), ALPHA, b.layout());
    FolderLayout layout = b.layout();
    b.close();
    new CheckoutJournal(layout.gitDir()).begin(null, id(aHead));
    write(layout, "one.txt", "1");

    VersionStore reopened = track(stores.open(layout));

    assertThat(reopened.head()).contains(aHead);
    assertThat(read(layout, "dir/two.txt")).isEqualTo("2");
    assertThat(reopened.pendingChanges()).isEmpty();
  }

  @Test
  void staleLockFilesOfAKilledProcessAreRemovedOnOpen() throws IOException {
    VersionStore store = create("a");
    write(store, "f.txt", "x");
    commit(store, ALPHA);
    FolderLayout layout = store.layout();
    store.close();
    Path gitDir = layout.gitDir();
    Files.writeString(gitDir.resolve("index.lock"), "");
    Files.writeString(gitDir.resolve("HEAD.lock"), "");
    Files.writeString(gitDir.resolve("refs/heads/main.lock"), "");
    Files.createDirectories(gitDir.resolve("refs/gtfc/inbox"));
    Path oldInboxLock = Files.writeString(gitDir.resolve("refs/gtfc/inbox/beta.lock"), "");
    // older than a ref update ever holds its lock, though younger than a minute
    Files.setLastModifiedTime(oldInboxLock,
        FileTime.from(Instant.now().minus(Refs.LOCK_STALE_AFTER).minusSeconds(20)));
    Path freshInboxLock = Files.writeString(gitDir.resolve("refs/gtfc/inbox/gamma.lock"), "");

    VersionStore reopened = track(stores.open(layout));

    assertThat(gitDir.resolve("index.lock")).doesNotExist();
    assertThat(gitDir.resolve("HEAD.lock")).doesNotExist();
    assertThat(gitDir.resolve("refs/heads/main.lock")).doesNotExist();
    assertThat(oldInboxLock).doesNotExist();
    assertThat(freshInboxLock).as("may belong to a push being received right now").exists();
    write(reopened, "f.txt", "y");
    assertThat(reopened.commitPending(spec(ALPHA))).isPresent();
    assertThat(reopened.commitPaths(List.of(RelativePath.of("f.txt")), spec(ALPHA))).isEmpty();
  }

  private VersionStore create(String name) {
    return track(stores.create(FolderLayout.of(temp.resolve(name))));
  }

  private VersionStore track(VersionStore store) {
    opened.add(store);
    return store;
  }

  private CommitSpec spec(NodeId author) {
    return CommitSpec.of(author, START.plus(Duration.ofMinutes(++minutes)), "change " + minutes);
  }

  private Revision commit(VersionStore store, NodeId author) {
    return store.commitPending(spec(author)).orElseThrow();
  }

  private static ObjectId id(Revision revision) {
    return ObjectId.fromString(revision.id());
  }

  private static void write(VersionStore store, String path, String content) throws IOException {
    write(store.layout(), path, content);
  }

  private static void write(FolderLayout layout, String path, String content) throws IOException {
    Path file = layout.folder().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String read(FolderLayout layout, String path) throws IOException {
    return Files.readString(layout.folder().resolve(path));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
