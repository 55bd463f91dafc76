package io.gtfc.ports.contracts;

import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.fakes.InMemorySyncJournal;

class InMemorySyncJournalTest extends SyncJournalContract {
  private final InMemorySyncJournal journal = new InMemorySyncJournal();

  @Override
  protected SyncJournal journal() {
    return journal;
  }

  @Override
  protected FolderLayout folder() {
    return FolderLayout.of(temp.resolve("share"));
  }
}
