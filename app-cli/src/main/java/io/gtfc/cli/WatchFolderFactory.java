package io.gtfc.cli;

import io.gtfc.ports.FolderWatcher;
import io.gtfc.usecases.WatchFolder;

/** Builds the daemon's use case once the command line has chosen a watcher. */
@FunctionalInterface
interface WatchFolderFactory {
  WatchFolder with(FolderWatcher watcher, WatchFolder.Settings settings);
}
