package io.gtfc.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.NodeId;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.contracts.SyncJournalContract;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal contract against the files in the git directory. */
class FileSyncJournalTest extends SyncJournalContract {
  private final FileSyncJournal journal = new FileSyncJournal();
  private FolderLayout folder;

  @BeforeEach
  void createFolder() {
    folder = FolderLayout.of(temp.resolve("share"));
    new JGitVersionStores().create(folder).close();
  }

  @Override
  protected SyncJournal journal() {
    return journal;
  }

  @Override
  protected FolderLayout folder() {
    return folder;
  }

  @Test
  void recordsLiveInTheGitDirectoryNeverInTheFolder() {
    journal.synced(folder, NodeId.of("beta"), Instant.parse("2026-11-25T09:30:00Z"), Optional.empty());

    assertThat(folder.gitDir().resolve(FileSyncJournal.DIRECTORY).resolve("synced.beta")).exists();
    assertThat(folder.folder().resolve(FileSyncJournal.DIRECTORY)).doesNotExist();
  }

  @Test
  void aFolderWithoutGitDirectoryGetsNoRecordAndNoGitDirectory() {
    FolderLayout plain = FolderLayout.of(temp.resolve("plain"));
    journal.synced(plain, NodeId.of("beta"), Instant.parse("2026-11-25T09:30:00Z"), Optional.empty());

    assertThat(Files.exists(plain.gitDir())).isFalse();
    assertThat(journal.lastSynced(plain)).isEmpty();
  }
}
