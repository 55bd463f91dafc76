package io.gtfc.cli;

import dagger.Module;
import dagger.Provides;
import io.gtfc.git.DiskFolderProbe;
import io.gtfc.git.FileSyncJournal;
import io.gtfc.git.JGitVersionStores;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.Progress;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStores;
import javax.inject.Singleton;

/** Storage: folders and their history in JGit repositories. */
@Module
final class GitStorageModule {
  private GitStorageModule() {}

  @Provides
  @Singleton
  static VersionStores stores(Progress progress) {
    return new JGitVersionStores(progress);
  }

  @Provides
  @Singleton
  static FolderProbe probe() {
    return new DiskFolderProbe();
  }

  @Provides
  @Singleton
  static SyncJournal journal() {
    return new FileSyncJournal();
  }
}
