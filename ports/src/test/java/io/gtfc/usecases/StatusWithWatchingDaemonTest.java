package io.gtfc.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.CommitBatcher;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.InMemoryInviteBook;
import io.gtfc.ports.fakes.InMemoryPeerNetwork;
import io.gtfc.ports.fakes.InMemorySyncJournal;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 'gtfc status' beside a running 'gtfc watch', over the in-memory adapters: it skips its scan of
 * the folder only while the daemon's record says every edit it saw is committed.
 */
class StatusWithWatchingDaemonTest {
  private static final long DAEMON_PID = 1;
  private static final CommitBatcher.Settings NEVER_SETTLES =
      new CommitBatcher.Settings(Duration.ofHours(1), Duration.ofHours(1), 10_000);

  private final Clock clock = Clock.systemUTC();
  private final InMemoryPeerNetwork network = new InMemoryPeerNetwork();
  private final InMemoryVersionStores disk = new InMemoryVersionStores();
  private final FakeNodeKeys keys = new FakeNodeKeys("alpha");
  private final FakeFolderProbe probe = new FakeFolderProbe(disk);
  private final InMemorySyncJournal journal = new InMemorySyncJournal();
  private final FolderLayout folder = FolderLayout.of(Path.of("/fake/alpha/share"));
  private volatile boolean daemonAlive = true;
  private final Processes processes = new Processes() {
    @Override
    public long self() {
      return DAEMON_PID;
    }

    @Override
    public boolean alive(long pid, Instant seenAt) {
      return pid == DAEMON_PID && daemonAlive;
    }
  };
  private FolderWatcher.Listener watcher;
  private SyncDaemon daemon;

  @BeforeEach
  void aFolderOfSixtyFiles() {
    new BootstrapCluster(disk, keys, probe, clock, new Random(1))
        .bootstrap(folder.folder(), NodeId.of("alpha"), Endpoint.of("127.0.0.1", 7001));
    for (int i = 0; i < 60; i++) {
      disk.writeInWorkingTree(folder, file(i), new byte[] {(byte) i});
    }
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void withoutADaemonStatusScansAndFindsAnUncommittedEdit() {
    StatusReport report = status();

    assertThat(report.pendingScanned()).isTrue();
    assertThat(report.pending()).hasSize(60).contains(file(0));
  }

  @Test
  void aWatchingDaemonThatCommittedEveryEditIsTrusted() throws InterruptedException {
    startDaemon(CommitBatcher.Settings.DEFAULT, true);
    awaitTrue(this::recordSaysUpToDate, "the daemon to commit the folder and say so");

    Optional<Revision> before = head();
    edit("new.txt");
    awaitTrue(() -> !head().equals(before) && recordSaysUpToDate(), "the daemon to commit new.txt");

    StatusReport report = status();
    assertThat(report.pendingScanned()).isFalse();
    assertThat(report.pending()).isEmpty();
    assertThat(report.inSync()).isTrue();
  }

  @Test
  void anEditTheWatcherHandedOverIsPendingUntilItIsCommitted() throws InterruptedException {
    startDaemon(NEVER_SETTLES, true);
    awaitTrue(this::recordSaysUpToDate, "the daemon to commit the folder and say so");

    edit("draft.txt");

    // the record says so before the listener returns, not once the folder's thread gets to it
    assertThat(journal.daemon(folder)).hasValueSatisfying(d -> assertThat(d.upToDate()).isFalse());
    StatusReport report = status();
    assertThat(report.pendingScanned()).isTrue();
    assertThat(report.pending()).containsExactly(RelativePath.of("draft.txt"));
  }

  @Test
  void editsTheDeletionGuardHoldsBackArePending() throws InterruptedException {
    startDaemon(CommitBatcher.Settings.DEFAULT, true);
    awaitTrue(this::recordSaysUpToDate, "the daemon to commit the folder and say so");

    List<FolderChange> deletions = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      disk.deleteInWorkingTree(folder, file(i));
      deletions.add(FolderChange.of(file(i), FolderChange.Kind.DELETED, false));
    }
    watcher.changed(deletions);
    awaitTrue(() -> journal.daemon(folder).orElseThrow().lastAction().startsWith("refused to commit"),
        "the deletion guard to refuse the mass deletion");

    StatusReport report = status();
    assertThat(report.pendingScanned()).isTrue();
    assertThat(report.pending()).hasSize(55).contains(file(0), file(54));
    assertThat(report.inSync()).isFalse();
  }

  @Test
  void anEditOfTheMemberListByHandIsPendingThoughTheDaemonIsIdle() throws InterruptedException {
    startDaemon(CommitBatcher.Settings.DEFAULT, true);
    awaitTrue(this::recordSaysUpToDate, "the daemon to commit the folder and say so");

    disk.writeInWorkingTree(folder, MemberFiles.AUTHORIZED_KEYS, "ssh-ed25519 AAAA mallory\n".getBytes());
    watcher.changed(List.of(FolderChange.of(MemberFiles.AUTHORIZED_KEYS, FolderChange.Kind.WRITTEN, false)));
    awaitTrue(() -> journal.daemon(folder).orElseThrow().lastAction().startsWith("left an edit of .gtfc/"),
        "the daemon to leave the edit of .gtfc/ uncommitted");

    assertThat(status().pending()).containsExactly(MemberFiles.AUTHORIZED_KEYS);
    assertThat(journal.daemon(folder)).hasValueSatisfying(d -> assertThat(d.upToDate()).isFalse());
  }

  @Test
  void eventsTheWatcherLostKeepTheRecordFromSayingUpToDateUntilEverythingIsLookedAt() throws InterruptedException {
    startDaemon(NEVER_SETTLES, true);
    awaitTrue(this::recordSaysUpToDate, "the daemon to commit the folder and say so");

    disk.writeInWorkingTree(folder, RelativePath.of("unseen.txt"), new byte[] {1});
    watcher.lost();

    assertThat(status().pending()).containsExactly(RelativePath.of("unseen.txt"));
  }

  @Test
  void aDaemonWhoseWatcherPollsIsNeverTrusted() throws InterruptedException {
    startDaemon(CommitBatcher.Settings.DEFAULT, false);
    awaitTrue(() -> status().pending().isEmpty(), "the daemon to commit the folder");

    assertThat(journal.daemon(folder)).hasValueSatisfying(d -> assertThat(d.upToDate()).isFalse());
    assertThat(status().pendingScanned()).isTrue();
  }

  @Test
  void aDaemonWhoseProcessIsGoneOrThatStoppedIsNotTrusted() throws InterruptedException {
    startDaemon(CommitBatcher.Settings.DEFAULT, true);
    awaitTrue(this::recordSaysUpToDate, "the daemon to commit the folder and say so");

    daemonAlive = false;
    assertThat(status().pendingScanned()).isTrue();

    daemonAlive = true;
    daemon.close();
    daemon = null;
    assertThat(journal.daemon(folder)).hasValueSatisfying(d -> {
      assertThat(d.running()).isFalse();
      assertThat(d.upToDate()).isFalse();
    });
    assertThat(status().pendingScanned()).isTrue();
  }

  private void startDaemon(CommitBatcher.Settings batching, boolean reportsAtOnce) {
    FolderWatcher folderWatcher = new FolderWatcher() {
      @Override
      public Watch watch(Path watched, Predicate<RelativePath> ignored, Listener listener) {
        watcher = listener;
        return () -> { };
      }

      @Override
      public boolean reportsAtOnce() {
        return reportsAtOnce;
      }
    };
    WatchFolder.Settings settings = new WatchFolder.Settings(batching, Duration.ofHours(1),
        Duration.ofMillis(100), Duration.ofMillis(100));
    daemon = new WatchFolder(disk, keys, folderWatcher, network.server(disk, keys), network.transport(disk, keys),
        probe, new InMemoryInviteBook(), SyncHooks.NONE, clock, settings, journal, processes)
        .start(folder.folder(), Endpoint.of("127.0.0.1", 7001));
  }

  private void edit(String path) {
    disk.writeInWorkingTree(folder, RelativePath.of(path), new byte[] {42});
    watcher.changed(List.of(FolderChange.of(RelativePath.of(path), FolderChange.Kind.WRITTEN, false)));
  }

  private StatusReport status() {
    return new ShowStatus(disk, keys, network.transport(disk, keys), journal, processes).status(folder.folder(), false);
  }

  private boolean recordSaysUpToDate() {
    return journal.daemon(folder).map(DaemonState::upToDate).orElse(false);
  }

  private Optional<Revision> head() {
    try (VersionStore store = disk.open(folder)) {
      return store.head();
    }
  }

  private static RelativePath file(int i) {
    return RelativePath.of("f" + i + ".txt");
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
