package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.PeerServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc serve: answer peers in the foreground until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Answer peers over SSH for FOLDER, in the foreground, until Ctrl-C or SIGTERM.",
        "Members fetch and push; pushes are merged into FOLDER as they arrive. No file watcher."},
    footer = {"%nExamples:%n  gtfc serve ~/share%n  gtfc serve ~/share --listen 127.0.0.1:7002"})
final class ServeCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where to listen. Default: the address given at bootstrap or join.")
  Endpoint listen;

  @Override
  public Integer call() throws InterruptedException {
    Path target = gtfc.folder(folder);
    Endpoint address = gtfc.listenAddress(listen);
    Lifetime lifetime = gtfc.console().lifetime().get();
    try (PeerServer.Running running = gtfc.node().serve().serve(target, address)) {
      gtfc.err().printf("serving %s on %s; stop with Ctrl-C%n", target, running.address());
      lifetime.awaitStop();
    } finally {
      lifetime.stopped();
    }
    return ExitCode.OK.code;
  }
}
