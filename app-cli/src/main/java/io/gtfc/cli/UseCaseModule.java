package io.gtfc.cli;

import dagger.Module;
import dagger.Provides;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PackService;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.SyncJournal;
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
import io.gtfc.usecases.WatchFolder;
import io.gtfc.usecases.WipeNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import javax.inject.Singleton;

/** The use cases, built from whichever adapters the other modules bind. */
@Module
final class UseCaseModule {
  private UseCaseModule() {}

  @Provides
  @Singleton
  static Random random() {
    return new SecureRandom();
  }

  @Provides
  static BootstrapCluster bootstrap(VersionStores stores, NodeKeys keys, FolderProbe probe, Clock clock,
      Random random) {
    return new BootstrapCluster(stores, keys, probe, clock, random);
  }

  @Provides
  static InviteMember invite(VersionStores stores, NodeKeys keys, InviteBook book, Clock clock, Random random) {
    return new InviteMember(stores, keys, book, clock, random);
  }

  @Provides
  static JoinCluster join(VersionStores stores, NodeKeys keys, PeerTransport transport, FolderProbe probe,
      Clock clock) {
    return new JoinCluster(stores, keys, transport, probe, clock);
  }

  @Provides
  static ServePeers serve(VersionStores stores, NodeKeys keys, PeerServer server, PeerTransport transport,
      InviteBook book, SyncHooks hooks, Clock clock, SyncJournal journal, Processes processes, FolderProbe probe) {
    return new ServePeers(stores, keys, server, transport, book, hooks, clock, journal, processes, probe);
  }

  @Provides
  static PushChanges push(VersionStores stores, NodeKeys keys, PeerTransport transport, FolderProbe probe,
      Clock clock, SyncJournal journal) {
    return new PushChanges(stores, keys, transport, probe, clock, journal);
  }

  @Provides
  static PullChanges pull(VersionStores stores, NodeKeys keys, PeerTransport transport, SyncHooks hooks,
      Clock clock, SyncJournal journal, FolderProbe probe) {
    return new PullChanges(stores, keys, transport, hooks, clock, journal, probe);
  }

  @Provides
  static WatchFolderFactory watch(VersionStores stores, NodeKeys keys, PeerServer server, PeerTransport transport,
      FolderProbe probe, InviteBook book, SyncHooks hooks, Clock clock, SyncJournal journal, Processes processes) {
    return (watcher, settings) -> new WatchFolder(stores, keys, watcher, server, transport, probe, book, hooks, clock,
        settings, journal, processes);
  }

  @Provides
  static AnswerForcedCommand shell(VersionStores stores, NodeKeys keys, PackService packs, Clock clock,
      FolderProbe probe) {
    return new AnswerForcedCommand(stores, keys, packs, clock, probe);
  }

  @Provides
  static RemoveMember remove(VersionStores stores, NodeKeys keys, PeerTransport transport, Clock clock,
      FolderProbe probe) {
    return new RemoveMember(stores, keys, transport, clock, probe);
  }

  @Provides
  static LeaveCluster leave(VersionStores stores, NodeKeys keys, PeerTransport transport, Clock clock) {
    return new LeaveCluster(stores, keys, transport, clock);
  }

  @Provides
  static WipeNode wipe(VersionStores stores, NodeKeys keys, InviteBook book) {
    return new WipeNode(stores, keys, book);
  }

  @Provides
  static ShowStatus status(VersionStores stores, NodeKeys keys, PeerTransport transport, SyncJournal journal,
      Processes processes) {
    return new ShowStatus(stores, keys, transport, journal, processes);
  }

  @Provides
  static ShowLastCommits lastCommits(VersionStores stores, NodeKeys keys, PeerTransport transport,
      SyncJournal journal, Clock clock) {
    return new ShowLastCommits(stores, keys, transport, journal, clock);
  }

  @Provides
  static ShowDiff diff(VersionStores stores, NodeKeys keys) {
    return new ShowDiff(stores, keys);
  }

  @Provides
  static RestoreFolder restoreFolder(VersionStores stores, NodeKeys keys, Clock clock) {
    return new RestoreFolder(stores, keys, clock);
  }

  @Provides
  static UndoChange undo(VersionStores stores, NodeKeys keys, Clock clock) {
    return new UndoChange(stores, keys, clock);
  }

  @Provides
  static DiagnoseNode doctor(VersionStores stores, NodeKeys keys, PeerTransport transport, FolderProbe probe,
      SyncJournal journal, Processes processes, Clock clock) {
    return new DiagnoseNode(stores, keys, transport, probe, journal, processes, clock);
  }

  @Provides
  @Singleton
  static Processes processes() {
    return new JvmProcesses();
  }

  @Provides
  static ShowHistory history(VersionStores stores, NodeKeys keys) {
    return new ShowHistory(stores, keys);
  }

  @Provides
  static RestoreFile restore(VersionStores stores, NodeKeys keys, Clock clock, FolderProbe probe) {
    return new RestoreFile(stores, keys, clock, probe);
  }

  @Provides
  static ListConflicts conflicts(VersionStores stores, NodeKeys keys) {
    return new ListConflicts(stores, keys);
  }

  @Provides
  static ListNodes nodes(VersionStores stores, NodeKeys keys) {
    return new ListNodes(stores, keys);
  }
}
