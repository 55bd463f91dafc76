package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.usecases.SyncDaemon;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc watch: the daemon. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"The daemon: serve peers, watch FOLDER, and commit, push and merge every change.",
        "It answers peers, watches FOLDER, commits and pushes every settled change, merges what peers push,",
        "catches up from every peer at start and every 30 s, and retries peers that are down.",
        "Runs in the foreground until Ctrl-C or SIGTERM, then commits and pushes what is pending."},
    footer = {"%nnode.properties in the node home may set listen, watcher, anti-entropy,",
        "retry-max, batch-quiet and batch-max-delay (see 'gtfc --help'); options win.",
        "%nExamples:%n  gtfc watch ~/share%n  gtfc watch ~/share --watcher poll   # e.g. on a network file system"})
final class WatchCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where to listen. Default: the address given at bootstrap or join.")
  Endpoint listen;

  @Option(names = "--watcher", paramLabel = "NAME",
      description = "auto (inotify on Linux, kqueue on FreeBSD and macOS, else poll), inotify, kqueue or poll."
          + " Default: 'watcher' in node.properties, else auto.")
  String watcher;

  @Override
  public Integer call() throws InterruptedException {
    Path target = gtfc.folder(folder);
    NodeSettings settings = gtfc.settings();
    Endpoint address = gtfc.listenAddress(listen);
    NodeComponent node = gtfc.node();
    FolderWatcher chosen = node.watchers().choose(watcher != null ? watcher : settings.watcher().orElse("auto"));
    Lifetime lifetime = gtfc.console().lifetime().get();
    try (SyncDaemon daemon = node.watch().with(chosen, settings.daemon()).start(target, address);
        IdleHeapTrim trim = IdleHeapTrim.start(daemon::lastAction)) {
      gtfc.err().printf("watching %s, serving on %s; stop with Ctrl-C%n", target, daemon.address());
      lifetime.awaitStop();
    } finally {
      lifetime.stopped();
    }
    return ExitCode.OK.code;
  }
}
