package io.gtfc.cli;

import io.gtfc.git.JGitVersionStores;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Progress;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The gtfc program: parses the command line, runs one command, returns its exit code. */
public final class Gtfc {
  private final Console console;
  private final Wire wire;
  private final Runnable beforeNode;

  Gtfc(Console console) {
    this(console, Wire.standard());
  }

  Gtfc(Console console, Wire wire) {
    this(console, wire, () -> {});
  }

  /** {@code beforeNode} runs before each node is built: main waits there for its preload thread. */
  Gtfc(Console console, Wire wire, Runnable beforeNode) {
    this.console = console;
    this.wire = wire;
    this.beforeNode = beforeNode;
  }

  /** The system property slf4j-simple reads its level from, once, when the first logger is made. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  /** The commands that run until stopped: their log lines carry the time. */
  static final Set<String> LONG_RUNNING = Set.of("watch", "serve", "demo");
  private static final String TCP_NODELAY_PROPERTY = "org.apache.sshd.config.tcp-nodelay";

  public static void main(String[] args) {
    // before any logger exists: slf4j-simple reads its level once (tests call run(), never this)
    Optional<String> level = logLevel(args, System.getenv());
    if (level.isPresent()) {
      System.setProperty(LOG_LEVEL_PROPERTY, level.get());
    }
    // A time on each line only where lines come over hours: a one-shot command's few lines on a
    // terminal need none, and the date formatter's locale data cost it ~20 ms of start-up.
    if (GtfcCommand.firstWord(args).filter(LONG_RUNNING::contains).isPresent()) {
      System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
      System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }
    // TCP_NODELAY on the sockets of JGit's MINA client too, which takes no per-client setting (the
    // embedded server sets it itself): Nagle's algorithm held small git packets ~40 ms. Here, not in
    // the launcher, so that 'java -jar' and the service definitions get it as well.
    System.setProperty(TCP_NODELAY_PROPERTY, "true");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    Console console = new Console(out, err, System.getenv(), Path.of("").toAbsolutePath(),
        Clock.systemUTC(), SignalLifetime::new, System.console() != null,
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    Thread preload = preload();
    System.exit(new Gtfc(console, Wire.standard(), () -> join(preload)).run(args));
  }

  /**
   * Start-up work that needs nothing from the command line, on a second core while picocli reads
   * it: the logger and JGit's one-time set-up (about 15 ms of 'gtfc status'). The command waits for
   * it before it builds a node. A failure here is left to the command, which meets it again and
   * reports it.
   */
  private static Thread preload() {
    Thread thread = new Thread(() -> {
      LoggerFactory.getILoggerFactory();
      JGitVersionStores.prepare();
    }, "gtfc-preload");
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler((t, e) -> {});
    thread.start();
    return thread;
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The log level a command line asks for: -q (errors only), -v (info) or -vv (debug), else
   * $GTFC_LOG, else the node home's {@code log} setting; empty to keep the default (warn).
   */
  static Optional<String> logLevel(String[] args, Map<String, String> env) {
    int verbose = 0;
    boolean quiet = false;
    Path home = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      } else if (arg.equals("-q") || arg.equals("--quiet")) {
        quiet = true;
      } else if (arg.equals("--verbose")) {
        verbose++;
      } else if (arg.matches("-v+")) {
        verbose += arg.length() - 1;
      } else if (arg.equals("--home") && i + 1 < args.length) {
        home = Path.of(args[i + 1]);
      } else if (arg.startsWith("--home=")) {
        home = Path.of(arg.substring("--home=".length()));
      }
    }
    if (quiet) {
      return Optional.of("error");
    }
    if (verbose > 0) {
      return Optional.of(verbose == 1 ? "info" : "debug");
    }
    String fromEnv = env.get("GTFC_LOG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.trim());
    }
    try {
      return NodeSettings.load(NodeHome.resolve(home, env)).logLevel();
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // the command itself will say what is wrong with the file
    }
  }

  /** Runs one command line; never throws, never exits the JVM. */
  public int run(String... args) {
    return commandLine(GtfcCommand.commandsFor(args)).execute(args);
  }

  /** The command tree with {@code commands} under the root, as {@link #run} executes it. */
  CommandLine commandLine(Collection<Class<?>> commands) {
    GtfcCommand root = new GtfcCommand(console,
        (home, progress) -> {
          beforeNode.run();
          return DaggerNodeComponent.factory().create(home, console.clock(), progress);
        }, wire);
    CommandLine cli = new CommandLine(root);
    // before anything below: picocli hands streams, converters and handlers to the subcommands known then
    commands.forEach(cli::addSubcommand);
    cli.setOut(console.out());
    cli.setErr(console.err());
    cli.getCommandSpec().usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.helpTable());
    Converters.register(cli);
    cli.setExitCodeExceptionMapper(e -> ExitCode.INTERNAL.code);
    cli.setParameterExceptionHandler((e, argv) -> {
      console.err().println("gtfc: " + e.getMessage()
          + " (see 'gtfc " + commandPath(e.getCommandLine()) + "--help')");
      return ExitCode.BAD_INPUT.code;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(e, root.debug()));
    return cli;
  }

  private int failed(Exception e, boolean debug) {
    if (debug) {
      e.printStackTrace(console.err());
    }
    if (e instanceof GtfcException g) {
      console.err().println("gtfc: " + g.getMessage());
      return ExitCode.of(g.problem()).code;
    }
    console.err().println("gtfc: internal error: " + e + (debug ? "" : " (run again with --debug for details)"));
    return ExitCode.INTERNAL.code;
  }

  private static String commandPath(CommandLine cli) {
    StringBuilder path = new StringBuilder();
    for (CommandLine c = cli; c != null && c.getParent() != null; c = c.getParent()) {
      path.insert(0, c.getCommandName() + " ");
    }
    return path.toString();
  }

  /**
   * Where a run reads and writes: injected so tests run many nodes in one JVM. {@code in} is the
   * terminal's input, read only to confirm a destructive command when {@code interactive}.
   */
  record Console(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDirectory,
      Clock clock, Supplier<Lifetime> lifetime, boolean interactive, BufferedReader in) {
    Console(PrintWriter out, PrintWriter err, Map<String, String> env, Path workingDirectory,
        Clock clock, Supplier<Lifetime> lifetime, boolean interactive) {
      this(out, err, env, workingDirectory, clock, lifetime, interactive, new BufferedReader(new StringReader("")));
    }
  }

  /** The raw standard streams, for 'gtfc shell', which speaks git's protocol on them. */
  record Wire(InputStream in, OutputStream out, OutputStream err) {
    static Wire standard() {
      return new Wire(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
          new FileOutputStream(FileDescriptor.err));
    }
  }

  /** Builds the node for a home, reporting long work to a progress: Dagger in production. */
  @FunctionalInterface
  interface Nodes {
    NodeComponent create(NodeHome home, Progress progress);
  }
}
