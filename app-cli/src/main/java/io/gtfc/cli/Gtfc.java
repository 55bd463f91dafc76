package io.gtfc.cli;

import io.gtfc.ports.GtfcException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;

/** The gtfc program: parses the command line, runs one command, returns its exit code. */
public final class Gtfc {
  private final Console console;
  private final Wire wire;

  Gtfc(Console console) {
    this(console, Wire.standard());
  }

  Gtfc(Console console, Wire wire) {
    this.console = console;
    this.wire = wire;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    Console console = new Console(out, err, System.getenv(), Path.of("").toAbsolutePath(),
        Clock.systemUTC(), SignalLifetime::new, System.console() != null,
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    System.exit(new Gtfc(console).run(args));
  }

  /** Runs one command line; never throws, never exits the JVM. */
  public int run(String... args) {
    GtfcCommand root = new GtfcCommand(console,
        home -> DaggerNodeComponent.factory().create(home, console.clock()), wire);
    CommandLine cli = new CommandLine(root);
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
    return cli.execute(args);
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

  /** Builds the node for a home: Dagger in production. */
  interface Nodes extends Function<NodeHome, NodeComponent> {}
}
