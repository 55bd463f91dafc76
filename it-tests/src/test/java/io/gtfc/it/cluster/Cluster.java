package io.gtfc.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * Nodes in separate containers on one private network, each running {@code gtfc watch}: node 1
 * bootstraps the cluster, the others join it with tokens node 1 printed (in the spirit of Ratis'
 * MiniRaftCluster, but every node is its own machine). Close it to remove the containers; the
 * daemons' logs are kept under {@code gtfc.it.logs}.
 */
public final class Cluster implements AutoCloseable {
  /** How long the daemons get to agree after a change. They catch up every 30 s and retry pushes. */
  public static final Duration CONVERGENCE = Duration.ofSeconds(120);
  /** How many of each daemon's last log lines a convergence failure shows. */
  private static final int LOG_LINES_ON_FAILURE = 15;

  /** The pid of the test JVM that started a container: leftovers are those whose JVM is gone. */
  static final String OWNER_LABEL = "gtfc.it.owner";
  private static final String OWNER = String.valueOf(ProcessHandle.current().pid());

  /** One thread per node and task: the common pool has a single thread on two cores. */
  private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cluster-it");
    t.setDaemon(true);
    return t;
  });

  private final String label;
  private final Network network;
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  private Cluster(String label, Network network) {
    this.label = label;
    this.network = network;
  }

  /** Starts {@code size} nodes n1..nSIZE, all read-write members, and waits until they agree. */
  public static Cluster start(String label, int size) {
    return start(label, size, Set.of());
  }

  /** Starts {@code size} nodes n1..nSIZE; those named in {@code readOnly} join as read-only members. */
  public static Cluster start(String label, int size, Set<String> readOnly) {
    String image = NodeImage.get();
    removeLeftovers();
    Cluster cluster = new Cluster(label, Network.builder()
        .createNetworkCmdModifier(cmd -> cmd.withLabels(Map.of(OWNER_LABEL, OWNER)))
        .build());
    try {
      List<Node> started = new ArrayList<>();
      for (int i = 1; i <= size; i++) {
        started.add(cluster.container(image, "n" + i));
      }
      CompletableFuture.allOf(started.stream()
          .map(n -> CompletableFuture.runAsync(n.container()::start, THREADS))
          .toArray(CompletableFuture[]::new)).join();
      started.forEach(n -> cluster.nodes.put(n.name(), n));
      cluster.form(readOnly);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private Node container(String image, String name) {
    GenericContainer<?> container = new GenericContainer<>(image)
        .withNetwork(network)
        .withNetworkAliases(name)
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName(name))
        .withLabel(OWNER_LABEL, OWNER)
        .withStartupTimeout(Duration.ofSeconds(60));
    return new Node(name, container, network);
  }

  /**
   * Bootstrap on n1 and start its daemon; then invite and join every other node one by one (n1
   * admits them), and start their daemons together: each catches up with the member list at start.
   */
  private void form(Set<String> readOnly) {
    Node first = node("n1");
    first.gtfc("bootstrap", Node.FOLDER, "--name", "n1", "--listen", "0.0.0.0:" + Node.PORT,
        "--advertise", "n1:" + Node.PORT);
    first.startDaemon();
    List<Node> joiners = nodes().subList(1, nodes.size());
    for (Node joiner : joiners) {
      String token = readOnly.contains(joiner.name())
          ? first.gtfc("invite", Node.FOLDER, "--read-only").trim()
          : first.gtfc("invite", Node.FOLDER).trim();
      joiner.gtfc("join", token, Node.FOLDER, "--name", joiner.name(), "--listen", "0.0.0.0:" + Node.PORT,
          "--advertise", joiner.name() + ":" + Node.PORT);
    }
    parallel(joiners, n -> {
      n.startDaemon();
      return null;
    });
  }

  public Node node(String name) {
    Node node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no node " + name + " in " + nodes.keySet());
    }
    return node;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  public List<Node> nodes(String... names) {
    return Arrays.stream(names).map(this::node).toList();
  }

  /** Every node's folder state, read in parallel. */
  public List<FolderState> states(List<Node> of) {
    return parallel(of, Node::state);
  }

  /** Runs {@code action} on each node at the same time and returns the results in order. */
  public static <T> List<T> parallel(List<Node> of, Function<Node, T> action) {
    List<CompletableFuture<T>> futures = of.stream()
        .map(n -> CompletableFuture.supplyAsync(() -> action.apply(n), THREADS))
        .toList();
    try {
      return futures.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /** Waits until all nodes hold the same head and the same files, with nothing left uncommitted. */
  public FolderState awaitConverged() {
    return awaitConverged(nodes(), CONVERGENCE);
  }

  /** Waits until {@code of} all hold the same head and the same files, with nothing left uncommitted. */
  public FolderState awaitConverged(List<Node> of, Duration atMost) {
    List<List<FolderState>> last = new ArrayList<>();
    long started = System.nanoTime();
    try {
      Awaitility.await("convergence of " + of).atMost(atMost)
          .pollDelay(Duration.ofMillis(200)).pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> {
            List<FolderState> states = states(of);
            last.clear();
            last.add(states);
            return states.stream().allMatch(s -> s.sameAs(states.get(0)));
          });
    } catch (ConditionTimeoutException e) {
      // what each daemon said last, in the failure itself: a CI run keeps only its output
      List<String> said = parallel(of, n -> n.lastLogLines(LOG_LINES_ON_FAILURE));
      // each daemon's threads into its log (SIGQUIT), to see what a stuck one was doing
      parallel(of, n -> {
        n.dumpThreads();
        return null;
      });
      StringBuilder logs = new StringBuilder();
      for (int i = 0; i < of.size(); i++) {
        logs.append("  last lines of ").append(of.get(i)).append("'s daemon log:\n").append(said.get(i).indent(4));
      }
      throw new AssertionError("no convergence of " + of + " within " + atMost.toSeconds() + " s:\n"
          + describe(last.isEmpty() ? List.of() : last.get(0)) + logs, e);
    }
    // how close each wait came to its bound, for judging the bounds on a loaded machine
    System.err.printf("cluster %s: %s converged in %.1f s (bound %d s)%n", label, of,
        (System.nanoTime() - started) / 1e9, atMost.toSeconds());
    FolderState agreed = last.get(0).get(0);
    assertThat(agreed.clean()).as("converged state is committed").isTrue();
    return agreed;
  }

  private static String describe(List<FolderState> states) {
    StringBuilder b = new StringBuilder();
    for (FolderState s : states) {
      b.append("  ").append(s).append('\n');
    }
    for (int i = 1; i < states.size(); i++) {
      b.append(states.get(0).differenceFrom(states.get(i)));
    }
    return b.toString();
  }

  /** Removes the containers and the network; keeps each daemon's log under {@code gtfc.it.logs}. */
  @Override
  public void close() {
    Path logs = Paths.get(System.getProperty("gtfc.it.logs", "target/cluster-logs"))
        .resolve(label + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss")));
    for (Node node : nodes.values()) {
      node.saveLog(logs);
    }
    parallel(nodes(), n -> {
      n.container().stop();
      return null;
    });
    nodes.clear();
    network.close();
    System.err.println("cluster " + label + ": daemon logs in " + logs.toAbsolutePath());
  }

  /**
   * Containers and networks a crashed earlier run of this suite left behind (no Ryuk here to reap
   * them): those labelled with a test JVM that is gone. Another suite running on the same engine
   * at the same time keeps its own, and nothing this suite did not create is touched.
   */
  private static void removeLeftovers() {
    var docker = DockerClientFactory.instance().client();
    docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(OWNER_LABEL)).exec().stream()
        .filter(c -> !ownerAlive(c.getLabels().getOrDefault(OWNER_LABEL, "")))
        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
    docker.listNetworksCmd().withFilter("label", List.of(OWNER_LABEL)).exec().stream()
        .filter(n -> !ownerAlive(n.getLabels().getOrDefault(OWNER_LABEL, "")))
        .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
  }

  private static boolean ownerAlive(String pid) {
    try {
      return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
