package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.usecases.DiagnoseNode;
import io.gtfc.usecases.Finding;
import io.gtfc.usecases.StatusReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc doctor: check everything a node needs, and say what to do about each problem. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check everything this node needs to sync FOLDER, and say what to do about each problem.",
        "One line per check: key files and their permissions, the folder's history (like git fsck), free",
        "disk, the watcher's limit (inotify watches) against the folder's size, the daemon, the listen port,",
        "the settings file, each peer's reachability and whether it accepts this node, and clock skew (from",
        "commit times)."},
    footer = {"%nExit code 0 when no check fails (warnings allowed), 1 when one does.",
        "%nExample:%n  gtfc doctor ~/share"})
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
  Path folder;

  @Override
  public Integer call() {
    Path target = gtfc.folder(folder);
    NodeSettings settings = gtfc.settings();
    NodeComponent node = gtfc.node();
    List<Finding> findings = new ArrayList<>();
    FolderWatcher watcher;
    try {
      watcher = node.watchers().choose(settings.watcher().orElse("auto"));
    } catch (GtfcException e) {
      findings.add(Finding.fail("settings", settings.file() + ": 'watcher': " + e.getMessage()));
      watcher = node.watchers().choose("auto");
    }
    DiagnoseNode.Diagnosis diagnosis = node.doctor().diagnose(target, watcher);
    findings.addAll(diagnosis.findings());
    findings.add(settings(settings));
    try {
      findings.add(port(settings.listen().orElse(Addresses.DEFAULT_LISTEN), diagnosis.daemon()));
    } catch (GtfcException unreadable) {
      // the settings line above already says what is wrong with 'listen'
    }
    for (Finding f : findings) {
      gtfc.out().printf("%-4s  %-8s %s%n", f.level(), f.check(), f.message());
    }
    long failed = findings.stream().filter(f -> f.level() == Finding.Level.FAIL).count();
    long warned = findings.stream().filter(f -> f.level() == Finding.Level.WARN).count();
    gtfc.out().println(failed == 0 && warned == 0 ? "all checks passed"
        : failed + " check(s) failed, " + warned + " warning(s)");
    return failed == 0 ? ExitCode.OK.code : ExitCode.PARTIAL.code;
  }

  static Finding settings(NodeSettings settings) {
    try {
      settings.daemon();
      settings.listen();
      settings.advertise();
    } catch (RuntimeException e) {
      return Finding.fail("settings", e.getMessage());
    }
    List<String> unknown = settings.unknownKeys();
    if (!unknown.isEmpty()) {
      return Finding.warn("settings", settings.file() + " holds " + String.join(", ", unknown)
          + ", which gtfc does not know (a typo?); it knows: " + String.join(", ", NodeSettings.KEYS.keySet()));
    }
    return Finding.ok("settings", settings.file() + (Files.exists(settings.file()) ? " is valid" : " does not exist: defaults apply"));
  }

  /** The listen port must be free, or held by this folder's own daemon. */
  static Finding port(Endpoint listen, Optional<StatusReport.Daemon> daemon) {
    boolean ours = daemon.isPresent() && daemon.get().alive() && daemon.get().state().running()
        && daemon.get().state().address().map(a -> a.port() == listen.port()).orElse(false);
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(listen.host(), listen.port()));
      return Finding.ok("port", listen + " is free for 'gtfc watch' or 'gtfc serve'");
    } catch (IOException | RuntimeException e) {
      if (ours) {
        return Finding.ok("port", listen + " is held by this folder's 'gtfc " + daemon.get().state().mode()
            + "' (pid " + daemon.get().state().pid() + ")");
      }
      return Finding.fail("port", "cannot listen on " + listen + " (" + e.getMessage() + "): another program holds it,"
          + " or the address is not this host's; stop that program, or choose another port with 'listen' in"
          + " node.properties (and tell peers with 'advertise')");
    }
  }
}
