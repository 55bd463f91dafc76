package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.usecases.SyncDaemon;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc watch: the daemon. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = {"The daemon: answer peers, watch FOLDER, commit and push every settled change, merge what",
        "peers push, catch up from every peer at start and every 30 s, retry peers that are down.",
        "Runs in the foreground until Ctrl-C or SIGTERM, then commits and pushes what is pending."},
    footer = {"%nExample:%n  gtfc watch ~/share"})
final class WatchCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where to listen. Default: the address given at bootstrap or join.")
  Endpoint listen;

  @Option(names = "--watcher", paramLabel = "NAME", defaultValue = "auto",
      description = "auto (inotify on Linux, kqueue on FreeBSD and macOS, else poll), inotify, kqueue or poll.")
  String watcher;

  @Override
  public Integer call() throws InterruptedException {
    Path target = gtfc.folder(folder);
    Endpoint address = gtfc.listenAddress(listen);
    NodeComponent node = gtfc.node();
    Lifetime lifetime = gtfc.console().lifetime().get();
    try (SyncDaemon daemon = node.watch().with(node.watchers().choose(watcher)).start(target, address)) {
      gtfc.err().printf("watching %s, serving on %s; stop with Ctrl-C%n", target, daemon.address());
      lifetime.awaitStop();
    } finally {
      lifetime.stopped();
    }
    return ExitCode.OK.code;
  }
}
