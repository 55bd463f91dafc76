package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs gtfc command lines in this JVM, as a user would type them, capturing output and exit code. */
final class CliRunner {
  private final Path workingDirectory;
  private final Map<String, String> env = new HashMap<>();

  CliRunner(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
    env.put("HOME", workingDirectory.resolve("user-home").toString());
  }

  /** Adds an environment variable for the command lines run from now on. */
  CliRunner withEnv(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** One finished command line. */
  record Result(int code, String out, String err) {
    String outLine() {
      return out.strip();
    }
  }

  /** 'gtfc bootstrap' of {@code admin}'s folder as a new cluster, which must succeed. */
  void bootstrap(ServingNode admin) {
    Result boot = run("--home", admin.home.toString(), "bootstrap", admin.folder.toString(),
        "--name", admin.name, "--listen", admin.listen());
    assertThat(boot.code()).as(boot.err()).isZero();
  }

  /** 'gtfc invite' on {@code admin} (with {@code inviteOptions}), then 'gtfc join' of {@code node}; both must succeed. */
  void join(ServingNode node, ServingNode admin, String... inviteOptions) {
    String[] invite = {"--home", admin.home.toString(), "invite", admin.folder.toString()};
    Result token = run(java.util.stream.Stream.concat(java.util.Arrays.stream(invite),
        java.util.Arrays.stream(inviteOptions)).toArray(String[]::new));
    assertThat(token.code()).as(token.err()).isZero();
    Result joined = run("--home", node.home.toString(), "join", token.outLine(), node.folder.toString(),
        "--name", node.name, "--listen", node.listen());
    assertThat(joined.code()).as(joined.err()).isZero();
  }

  Result run(String... args) {
    return run(new TestLifetime(), args);
  }

  Result run(TestLifetime lifetime, String... args) {
    return run(lifetime, null, args);
  }

  /** As typed on a terminal, answering a question with {@code input}. */
  Result runOnTerminal(String input, String... args) {
    return run(new TestLifetime(), input, args);
  }

  private Result run(TestLifetime lifetime, String terminalInput, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Gtfc.Console console = new Gtfc.Console(new PrintWriter(out, true), new PrintWriter(err, true),
        env, workingDirectory, Clock.systemUTC(), () -> lifetime, terminalInput != null,
        new BufferedReader(new StringReader(terminalInput == null ? "" : terminalInput)));
    int code = new Gtfc(console).run(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** A lifetime a test ends by calling {@link #stop()}. */
  static final class TestLifetime implements Lifetime {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void awaitStop() throws InterruptedException {
      stop.await();
    }

    @Override
    public void stopped() {
      done.countDown();
    }

    void stop() throws InterruptedException {
      stop.countDown();
      done.await();
    }
  }
}
