package io.gtfc.cli;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.HookRun;
import io.gtfc.ports.SyncHooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The post-sync hook as a program in the node home, {@code HOME/hooks/post-sync}, never anything
 * in the synced folder. It runs in the folder with the changed paths on standard input and
 * {@code GTFC_FOLDER}, {@code GTFC_NODE} in its environment; past its time limit it is killed
 * with everything it started. Its output goes to the log when it fails.
 */
final class ProcessSyncHooks implements SyncHooks {
  static final String POST_SYNC = "hooks/post-sync";
  static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);
  private static final int OUTPUT_LINES = 5;

  private final Path hook;
  private final Duration limit;

  ProcessSyncHooks(Path home, Duration limit) {
    this.hook = home.resolve(POST_SYNC);
    this.limit = limit;
  }

  @Override
  public HookRun afterSync(FolderLayout folder, NodeId self, List<RelativePath> changed) {
    if (!Files.exists(hook)) {
      return HookRun.of(HookRun.Outcome.NOT_CONFIGURED, "");
    }
    if (!Files.isRegularFile(hook) || !Files.isExecutable(hook)) {
      return HookRun.of(HookRun.Outcome.FAILED, hook + " is not an executable file: chmod +x it");
    }
    if (insideFolder(folder)) {
      return HookRun.of(HookRun.Outcome.FAILED, hook + " lies inside the synced folder " + folder
          + ": gtfc never runs synced content; keep the node home outside the folder");
    }
    Path input = null;
    Path output = null;
    try {
      input = Files.createTempFile("gtfc-post-sync-", ".in");
      output = Files.createTempFile("gtfc-post-sync-", ".out");
      Files.writeString(input, changed.stream().map(p -> p.value() + "\n").collect(Collectors.joining()),
          StandardCharsets.UTF_8);
      ProcessBuilder builder = new ProcessBuilder(hook.toString())
          .directory(folder.folder().toFile())
          .redirectInput(input.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().put("GTFC_FOLDER", folder.folder().toString());
      builder.environment().put("GTFC_NODE", self.value());
      Process process = builder.start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        return HookRun.of(HookRun.Outcome.TIMED_OUT, hook + " ran longer than " + limit.toSeconds()
            + " s and was stopped" + tail(output));
      }
      int status = process.exitValue();
      return status == 0
          ? HookRun.of(HookRun.Outcome.SUCCEEDED, hook + " done" + tail(output))
          : HookRun.of(HookRun.Outcome.FAILED, hook + " exited with status " + status + tail(output));
    } catch (IOException e) {
      return HookRun.of(HookRun.Outcome.FAILED, "cannot run " + hook + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HookRun.of(HookRun.Outcome.FAILED, hook + " was interrupted: gtfc is stopping");
    } finally {
      deleteQuietly(input);
      deleteQuietly(output);
    }
  }

  private boolean insideFolder(FolderLayout folder) {
    try {
      return hook.toRealPath().startsWith(folder.folder().toRealPath());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops the hook and whatever it started, so nothing it left behind keeps running: the hook
   * first, so that it cannot go on when its children die, then the children it had.
   */
  private static void kill(Process process) throws InterruptedException {
    List<ProcessHandle> started = process.descendants().toList();
    process.destroyForcibly();
    started.forEach(ProcessHandle::destroyForcibly);
    process.waitFor(5, TimeUnit.SECONDS);
  }

  /** The last lines the hook printed, on one line. */
  private static String tail(Path output) {
    try {
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank()).toList();
      if (lines.isEmpty()) {
        return "";
      }
      return "; it printed: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind is harmless
      }
    }
  }
}
