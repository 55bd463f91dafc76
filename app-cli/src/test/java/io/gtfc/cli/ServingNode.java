package io.gtfc.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A node's home, folder and port, and its 'gtfc serve' running on a thread of this JVM. */
final class ServingNode implements AutoCloseable {
  final String name;
  final Path home;
  final Path folder;
  final int port;
  private Thread serveThread;
  private CliRunner.TestLifetime lifetime;
  private final AtomicInteger serveExit = new AtomicInteger(-1);

  ServingNode(Path root, String name) {
    this.name = name;
    this.home = root.resolve(name).resolve("home");
    this.folder = root.resolve(name).resolve("share");
    this.port = freePort();
  }

  String listen() {
    return "127.0.0.1:" + port;
  }

  /** Starts 'gtfc --home HOME serve FOLDER' and returns once it accepts connections. */
  void serve() {
    run("serve");
  }

  /** Starts the daemon, 'gtfc --home HOME watch FOLDER', and returns once it accepts connections. */
  void watch() {
    run("watch");
  }

  private void run(String command) {
    lifetime = new CliRunner.TestLifetime();
    serveExit.set(-1);
    StringWriter err = new StringWriter();
    CliRunner.TestLifetime mine = lifetime;
    serveThread = new Thread(() -> {
      Gtfc.Console console = new Gtfc.Console(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
          new HashMap<>(), folder.getParent(), Clock.systemUTC(), () -> mine, false);
      serveExit.set(new Gtfc(console).run("--home", home.toString(), command, folder.toString()));
    }, command + "-" + name);
    serveThread.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> serveExit.get() >= 0 || accepts());
    if (serveExit.get() >= 0) {
      throw new IllegalStateException(command + " of " + name + " exited with " + serveExit.get() + ": " + err);
    }
  }

  boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  void stop() throws InterruptedException {
    if (serveThread != null) {
      lifetime.stop();
      serveThread.join(10_000);
      serveThread = null;
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
