package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.SyncJournal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link SyncJournal} does; run against the in-memory fake and the file-based adapter. */
public abstract class SyncJournalContract {
  @TempDir
  protected Path temp;

  /** A journal, and a folder it may keep records for (a gtfc folder where the adapter needs one). */
  protected abstract SyncJournal journal();

  protected abstract FolderLayout folder();

  private static final Instant T0 = Instant.parse("2026-11-25T09:30:00Z");
  private static final Revision R1 = Revision.of("1".repeat(40));
  private static final Revision R2 = Revision.of("2".repeat(40));

  @Test
  void aFolderWithNoRecordsHasNone() {
    assertThat(journal().lastSynced(folder())).isEmpty();
    assertThat(journal().daemon(folder())).isEmpty();
  }

  @Test
  void theLastSyncWithEachPeerIsKeptAndReplaced() {
    SyncJournal journal = journal();
    journal.synced(folder(), NodeId.of("beta"), T0, Optional.of(R1));
    journal.synced(folder(), NodeId.of("gamma"), T0.plusSeconds(5), Optional.empty());
    journal.synced(folder(), NodeId.of("beta"), T0.plusSeconds(60), Optional.of(R2));

    assertThat(journal.lastSynced(folder()))
        .containsEntry(NodeId.of("beta"), new SyncJournal.Sync(T0.plusSeconds(60), Optional.of(R2)))
        .containsEntry(NodeId.of("gamma"), new SyncJournal.Sync(T0.plusSeconds(5), Optional.empty()))
        .hasSize(2);
  }

  @Test
  void theDaemonRecordIsReplacedWhole() {
    SyncJournal journal = journal();
    DaemonState first = DaemonState.builder().pid(42).mode("watch").started(T0).lastAction("started")
        .updated(T0).running(true).address(Endpoint.of("127.0.0.1", 7419)).build();
    journal.daemon(folder(), first);
    DaemonState stopped = DaemonState.builder().from(first).lastAction("stopped").updated(T0.plusSeconds(9))
        .running(false).build();
    journal.daemon(folder(), stopped);

    assertThat(journal.daemon(folder())).contains(stopped);
  }

  @Test
  void whetherTheDaemonIsUpToDateIsKeptAndFalseUnlessSaid() {
    SyncJournal journal = journal();
    DaemonState unsaid = DaemonState.builder().pid(42).mode("serve").started(T0).lastAction("started")
        .updated(T0).running(true).build();
    journal.daemon(folder(), unsaid);
    assertThat(journal.daemon(folder())).hasValueSatisfying(d -> assertThat(d.upToDate()).isFalse());

    DaemonState upToDate = DaemonState.builder().from(unsaid).mode("watch").upToDate(true).build();
    journal.daemon(folder(), upToDate);
    assertThat(journal.daemon(folder())).contains(upToDate);
  }

  @Test
  void concurrentRecordsForDifferentPeersAreAllKept() throws InterruptedException {
    SyncJournal journal = journal();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      NodeId peer = NodeId.of("peer" + i);
      threads.add(new Thread(() -> {
        for (int round = 0; round < 20; round++) {
          journal.synced(folder(), peer, T0.plusSeconds(round), Optional.of(R1));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(journal.lastSynced(folder())).hasSize(8).allSatisfy((peer, sync) ->
        assertThat(sync.when()).isEqualTo(T0.plusSeconds(19)));
  }
}
