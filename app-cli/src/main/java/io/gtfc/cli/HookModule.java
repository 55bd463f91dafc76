package io.gtfc.cli;

import dagger.Module;
import dagger.Provides;
import io.gtfc.ports.SyncHooks;
import javax.inject.Singleton;

/** Hooks: programs in the node home, with limits from its node.properties. */
@Module
final class HookModule {
  private HookModule() {}

  @Provides
  @Singleton
  static SyncHooks hooks(NodeHome home) {
    return new ProcessSyncHooks(home.path(), NodeSettings.load(home).postSyncTimeout());
  }
}
