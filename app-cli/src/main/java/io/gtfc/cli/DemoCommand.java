package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Role;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import io.gtfc.usecases.PushReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** gtfc demo: a three-node cluster on loopback, a change crossing it, then cleanup. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Show gtfc at work: three nodes on 127.0.0.1, a change crossing them, then cleanup.",
        "Starts three nodes in a temporary directory, changes a file on one and shows it arriving on the other",
        "two (with timings), then stops them and deletes everything."},
    footer = {"%nExamples:%n  ./gtfc demo%n  ./gtfc demo --keep    # keep the three nodes' folders to look at"})
final class DemoCommand implements Callable<Integer> {
  private static final String FILE = "hello.txt";

  @ParentCommand
  GtfcCommand gtfc;

  @Option(names = "--keep", description = "Keep the temporary directory (its path is printed) instead of deleting it.")
  boolean keep;

  private final List<PeerServer.Running> servers = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    Path root = Files.createTempDirectory("gtfc-demo-");
    PrintWriter out = gtfc.out();
    out.printf("gtfc demo: three nodes on loopback in %s%n", root);
    try {
      Node alpha = new Node(root, "alpha");
      Node beta = new Node(root, "beta");
      Node gamma = new Node(root, "gamma");

      long t = System.nanoTime();
      alpha.component.bootstrap().bootstrap(alpha.folder, alpha.id, alpha.endpoint);
      servers.add(alpha.component.serve().serve(alpha.folder, alpha.endpoint));
      out.printf("  %-6s bootstrapped the cluster, serving on %-16s %6s%n", alpha.id, alpha.endpoint, since(t));
      for (Node n : List.of(beta, gamma)) {
        t = System.nanoTime();
        Invitation token = alpha.component.invite().invite(alpha.folder, Role.READ_WRITE, Duration.ofMinutes(5));
        n.component.join().join(token, n.folder, n.id, n.endpoint);
        servers.add(n.component.serve().serve(n.folder, n.endpoint));
        out.printf("  %-6s joined through alpha, serving on %-16s %6s%n", n.id, n.endpoint, since(t));
      }

      byte[] first = ("hello from alpha\n").getBytes(StandardCharsets.UTF_8);
      boolean ok = change(out, alpha, first, "wrote", List.of(beta, gamma));
      byte[] second = ("hello from alpha\nand an edit from gamma\n").getBytes(StandardCharsets.UTF_8);
      ok &= change(out, gamma, second, "edited", List.of(alpha, beta));

      String head = alpha.component.status().status(alpha.folder, false).head().map(h -> h.abbreviated()).orElse("-");
      boolean sameHeads = Stream.of(beta, gamma).allMatch(n ->
          n.component.status().status(n.folder, false).head().map(h -> h.abbreviated()).orElse("").equals(head));
      out.printf("heads: %s%n", sameHeads ? "all three at " + head : "DIFFERENT");
      ok &= sameHeads;
      out.println(ok ? "the three folders are identical" : "the folders differ: this is a bug, please report it");
      return ok ? ExitCode.OK.code : ExitCode.INTERNAL.code;
    } finally {
      servers.forEach(PeerServer.Running::close);
      if (keep) {
        out.printf("kept %s (node homes and folders); delete it when done%n", root);
      } else {
        deleteTree(root);
        out.printf("stopped the nodes and deleted %s%n", root);
      }
    }
  }

  private boolean change(PrintWriter out, Node from, byte[] content, String verb, List<Node> others) throws IOException {
    Files.write(from.folder.resolve(FILE), content);
    long t = System.nanoTime();
    PushReport report = from.component.push().push(from.folder, false);
    String took = since(t);
    out.printf("%s %s %s (%d bytes), committed and pushed: on %s in %s%n", from.id, verb, FILE, content.length,
        String.join(" and ", others.stream().map(n -> n.id.value()).toList()), took);
    boolean ok = true;
    for (PeerResult r : report.results()) {
      if (!r.succeeded()) {
        out.printf("  %s: %s %s%n", r.peer(), r.outcome(), r.detail());
        ok = false;
      }
    }
    for (Node n : others) {
      Path copy = n.folder.resolve(FILE);
      boolean same = Files.exists(copy) && Arrays.equals(Files.readAllBytes(copy), content);
      out.printf("  %-6s %s%n", n.id, same ? "has the same bytes" : "DOES NOT have them");
      ok &= same;
    }
    return ok;
  }

  private static String since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
  }

  private final class Node {
    final NodeId id;
    final Path folder;
    final Endpoint endpoint;
    final NodeComponent component;

    Node(Path root, String name) {
      this.id = NodeId.of(name);
      this.folder = root.resolve(name).resolve("share");
      this.endpoint = Endpoint.of("127.0.0.1", freePort());
      this.component = gtfc.nodeFor(new NodeHome(root.resolve(name).resolve("home")));
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot find a free port on 127.0.0.1: " + e.getMessage());
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "could not delete " + root + ": " + e.getMessage());
    }
  }
}
