package io.gtfc.it.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * One gtfc node in its own container: its home in {@code /data/home}, its folder in
 * {@code /data/share} (git dir {@code /data/.git.share}), its daemon ({@code gtfc watch}) logging
 * to {@code /data/daemon.log}. Every method runs {@code docker exec} and fails with the command's
 * output when the command fails.
 */
public final class Node {
  public static final String FOLDER = "/data/share";
  public static final int PORT = 7419;
  private static final String LOG = "/data/daemon.log";
  private static final String PID = "/data/daemon.pid";
  private static final Duration DAEMON_START = Duration.ofSeconds(120);

  /** Lists the folder's files with their sha256, in path order, skipping the {@code .git} file. */
  static final String FILE_LISTING =
      "cd " + FOLDER + " && find . -path ./.git -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum";

  private final String name;
  private final GenericContainer<?> container;
  private final Network network;

  Node(String name, GenericContainer<?> container, Network network) {
    this.name = name;
    this.container = container;
    this.network = network;
  }

  public String name() {
    return name;
  }

  /** Runs {@code script} with {@code sh -c} (extra {@code args} are $1, $2, ...); fails unless it exits 0. */
  public String sh(String script, String... args) {
    ExecResult result = tryShell(script, args);
    if (result.getExitCode() != 0) {
      throw new AssertionError(name + ": `" + script + "` exited " + result.getExitCode() + "\n" + result.getStdout()
          + result.getStderr());
    }
    return result.getStdout();
  }

  /** Runs {@code script} with {@code sh -c} and returns whatever happened. */
  public ExecResult tryShell(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
    command.addAll(Arrays.asList(args));
    try {
      return container.execInContainer(command.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": docker exec failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(name + ": interrupted", e);
    }
  }

  /** Runs the gtfc CLI; fails unless it exits 0. */
  public String gtfc(String... args) {
    return sh("exec gtfc \"$@\"", args);
  }

  /** Runs {@code git -C /data/share ARGS}; fails unless it exits 0. */
  public String git(String... args) {
    return sh("exec git --no-optional-locks -C " + FOLDER + " \"$@\"", args);
  }

  /** Writes {@code content} to {@code path} in the folder, as an editor would (directories created). */
  public void write(String path, String content) {
    sh("cd " + FOLDER + " && mkdir -p \"$(dirname \"$1\")\" && printf '%s' \"$2\" > \"$1\"", path, content);
  }

  /**
   * Writes {@code content} to {@code path} at the wall-clock instant {@code epochMillis} (the
   * containers share the host's clock), so that edits on several nodes really are concurrent.
   */
  public void writeAt(long epochMillis, String path, String content) {
    sh("ms=$(( ($3 * 1000000 - $(date +%s%N)) / 1000000 ));"
        + " if [ $ms -gt 0 ]; then sleep $((ms / 1000)).$(printf %03d $((ms % 1000))); fi;"
        + " cd " + FOLDER + " && mkdir -p \"$(dirname \"$1\")\" && printf '%s' \"$2\" > \"$1\"",
        path, content, Long.toString(epochMillis));
  }

  /**
   * Starts writing {@code count} new files {@code DIR/f1.txt}... in the background, about 400 a
   * second, and returns at once; {@link #burstDone()} tells when the last one is written.
   */
  public void startBurst(String dir, int count) {
    sh("rm -f /data/burst.done && mkdir -p " + FOLDER + "/" + dir + " && cd " + FOLDER + "/" + dir
        + " && (nohup sh -c 'for i in $(seq 1 " + count + "); do echo \"burst file $i\" > f$i.txt;"
        + " [ $((i % 20)) -eq 0 ] && sleep 0.05; done; touch /data/burst.done' > /dev/null 2>&1 < /dev/null &)");
  }

  public boolean burstDone() {
    return tryShell("test -f /data/burst.done").getExitCode() == 0;
  }

  /** How many files {@code dir} in the folder holds now. */
  public int fileCount(String dir) {
    return Integer.parseInt(sh("find " + FOLDER + "/" + dir + " -type f 2>/dev/null | wc -l").trim());
  }

  /** The content of {@code path} in the folder; empty when it does not exist. */
  public Optional<String> read(String path) {
    ExecResult r = tryShell("cd " + FOLDER + " && test -f \"$1\" && cat \"$1\"", path);
    return r.getExitCode() == 0 ? Optional.of(r.getStdout()) : Optional.empty();
  }

  public void delete(String path) {
    sh("cd " + FOLDER + " && rm -f \"$1\"", path);
  }

  /** The folder's files (relative to it, without the {@code ./}), in path order. */
  public List<String> files() {
    return FolderState.parseListing(sh(FILE_LISTING)).keySet().stream().toList();
  }

  /** Head, working-tree status and file checksums in one round trip. */
  public FolderState state() {
    return FolderState.parse(name, sh("cd " + FOLDER + " && echo \"head $(git rev-parse --verify -q HEAD)\""
        + " && git --no-optional-locks status --porcelain --untracked-files=all | sed 's/^/status /'"
        + " && " + FILE_LISTING));
  }

  public String head() {
    return git("rev-parse", "HEAD").trim();
  }

  /** Starts {@code gtfc watch} in the background and waits until it serves and has caught up. */
  public void startDaemon() {
    sh("echo \"--- start $(date -u +%FT%TZ)\" >> " + LOG + " && wc -l < " + LOG + " > /data/daemon.mark"
        + " && (nohup gtfc watch " + FOLDER + " >> " + LOG + " 2>&1 < /dev/null & echo $! > " + PID + ")");
    Awaitility.await(name + "'s daemon to start").atMost(DAEMON_START).pollInterval(Duration.ofMillis(300))
        .until(() -> {
          String log = sh("tail -n +$(cat /data/daemon.mark) " + LOG);
          if (!daemonRunning()) {
            throw new AssertionError(name + ": the daemon died while starting:\n" + log);
          }
          return log.lines().anyMatch(l -> l.startsWith("watching "));
        });
  }

  public boolean daemonRunning() {
    return tryShell("kill -0 $(cat " + PID + ") 2>/dev/null").getExitCode() == 0;
  }

  /** {@code kill -9} of the daemon: no shutdown hook, no last commit, no last push. */
  public void killDaemon() {
    sh("kill -9 $(cat " + PID + ") && while kill -0 $(cat " + PID + ") 2>/dev/null; do sleep 0.1; done");
  }

  /** Stops the daemon as Ctrl-C would, letting it commit and push what is pending. */
  public void stopDaemon() {
    sh("kill -TERM $(cat " + PID + ") && while kill -0 $(cat " + PID + ") 2>/dev/null; do sleep 0.1; done");
  }

  /** Has the JVM of the daemon, if it runs, write a dump of its threads into the daemon's log. */
  public void dumpThreads() {
    tryShell("kill -QUIT $(cat " + PID + ") 2>/dev/null");
  }

  /** The daemon's log since it was last started. */
  public String daemonLog() {
    return tryShell("tail -n +$(cat /data/daemon.mark) " + LOG).getStdout();
  }

  /** The last {@code count} log lines of the running daemon (its own lines, not a JVM's thread dump). */
  public String lastLogLines(int count) {
    return tryShell("tail -n +$(cat /data/daemon.mark) " + LOG + " | grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2}' | tail -n "
        + count).getStdout();
  }

  /** Cuts this node off the cluster's network: peers can no longer resolve or reach it, nor it them. */
  public void disconnect() {
    docker().disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(container.getContainerId())
        .withForce(true).exec();
  }

  /** Puts this node back on the cluster's network under its name. */
  public void reconnect() {
    docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(container.getContainerId())
        .withContainerNetwork(new ContainerNetwork().withAliases(name)).exec();
  }

  /** Stops the container as a host shuts down (the daemon gets SIGTERM); its disk stays. */
  public void stopContainer() {
    docker().stopContainerCmd(container.getContainerId()).withTimeout(20).exec();
  }

  /** Starts the stopped container again; the daemon is not started (see {@link #startDaemon()}). */
  public void startContainer() {
    docker().startContainerCmd(container.getContainerId()).exec();
  }

  /** Copies the daemon's log to {@code dir/NAME.log}, for reading after a failed run. */
  void saveLog(Path dir) {
    try {
      Files.createDirectories(dir);
      ExecResult log = tryShell("cat " + LOG);
      if (log.getExitCode() != 0) {
        System.err.println(name + ": could not read the daemon log: " + log.getStderr().trim());
      }
      Files.writeString(dir.resolve(name + ".log"), log.getStdout());
    } catch (IOException | RuntimeException e) {
      System.err.println(name + ": could not save the daemon log: " + e);
    }
  }

  GenericContainer<?> container() {
    return container;
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  @Override
  public String toString() {
    return name;
  }
}
