package io.gtfc.cli;

import dagger.BindsInstance;
import dagger.Component;
import io.gtfc.ports.Progress;
import io.gtfc.ports.VersionStores;
import io.gtfc.usecases.AnswerForcedCommand;
import io.gtfc.usecases.BootstrapCluster;
import io.gtfc.usecases.DiagnoseNode;
import io.gtfc.usecases.InviteMember;
import io.gtfc.usecases.JoinCluster;
import io.gtfc.usecases.LeaveCluster;
import io.gtfc.usecases.ListConflicts;
import io.gtfc.usecases.ListNodes;
import io.gtfc.usecases.PullChanges;
import io.gtfc.usecases.PushChanges;
import io.gtfc.usecases.RemoveMember;
import io.gtfc.usecases.RestoreFile;
import io.gtfc.usecases.RestoreFolder;
import io.gtfc.usecases.ServePeers;
import io.gtfc.usecases.ShowDiff;
import io.gtfc.usecases.ShowHistory;
import io.gtfc.usecases.ShowLastCommits;
import io.gtfc.usecases.ShowStatus;
import io.gtfc.usecases.UndoChange;
import io.gtfc.usecases.WipeNode;
import java.time.Clock;
import javax.inject.Singleton;

/** One node: its home, its adapters and its use cases. Several can live in one JVM. */
@Singleton
@Component(modules = {GitStorageModule.class, SshTransportModule.class, WatcherModule.class, HookModule.class,
    UseCaseModule.class})
interface NodeComponent {
  VersionStores stores();

  BootstrapCluster bootstrap();

  InviteMember invite();

  JoinCluster join();

  ServePeers serve();

  PushChanges push();

  PullChanges pull();

  ShowStatus status();

  AnswerForcedCommand shell();

  ListNodes nodes();

  ShowHistory history();

  RestoreFile restore();

  ListConflicts conflicts();

  RemoveMember remove();

  LeaveCluster leave();

  WipeNode wipe();

  ShowLastCommits lastCommits();

  ShowDiff diff();

  RestoreFolder restoreFolder();

  UndoChange undo();

  DiagnoseNode doctor();

  Watchers watchers();

  /** The daemon's use case over the watcher the command line chose. */
  WatchFolderFactory watch();

  /** Builds a node for one home. */
  @Component.Factory
  interface Factory {
    NodeComponent create(@BindsInstance NodeHome home, @BindsInstance Clock clock, @BindsInstance Progress progress);
  }
}
