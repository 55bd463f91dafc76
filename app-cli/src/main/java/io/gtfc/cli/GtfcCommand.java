package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The root command: global options, and the node they select. */
@Command(
    name = "gtfc",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Keeps a folder identical on every node of a cluster, using git over SSH.",
      "Every version of every file stays in history; peers can be read-only."
    },
    footer = {"%nThe node home (--home, $GTFC_HOME or ~/.gtfc) holds this node's keys and",
        "node.properties, where listen, advertise, folder, watcher, log, anti-entropy,",
        "retry-max, batch-quiet and batch-max-delay may be set (key=value); options given",
        "on the command line win. 'gtfc doctor' checks the file.",
        "%nExamples:%n  gtfc bootstrap ~/share --name alpha%n  gtfc status ~/share%n  gtfc doctor ~/share"
            + "%n  gtfc COMMAND --help"})
final class GtfcCommand implements Callable<Integer> {
  /**
   * Every subcommand by the name it is called with, in the order 'gtfc --help' lists them. Not in
   * the annotation: picocli would build the model of all of them on every start (~130 ms), so
   * {@link #commandsFor} picks the ones a command line needs.
   */
  static final Map<String, Class<?>> COMMANDS = commands(
      "bootstrap", BootstrapCommand.class,
      "invite", InviteCommand.class,
      "join", JoinCommand.class,
      "serve", ServeCommand.class,
      "watch", WatchCommand.class,
      "push", PushCommand.class,
      "pull", PullCommand.class,
      "status", StatusCommand.class,
      "nodes", NodesCommand.class,
      "log", LogCommand.class,
      "restore", RestoreCommand.class,
      "conflicts", ConflictsCommand.class,
      "remove", RemoveCommand.class,
      "unjoin", UnjoinCommand.class,
      "wipe", WipeCommand.class,
      "service", ServiceCommand.class,
      "shell", ShellCommand.class,
      "authorize", AuthorizeCommand.class,
      "demo", DemoCommand.class,
      "remote-status", RemoteStatusCommand.class,
      "diff", DiffCommand.class,
      "undo", UndoCommand.class,
      "doctor", DoctorCommand.class,
      "completion", CompletionCommand.class,
      "man", ManCommand.class);

  /** Commands that print something about every command. */
  private static final Set<String> ABOUT_ALL = Set.of("completion", "man");

  private final Gtfc.Console console;
  private final Gtfc.Nodes nodes;
  private final Gtfc.Wire wire;
  private NodeComponent node;

  @Spec
  CommandSpec spec;

  @Option(names = "--home", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "The node home (keys, local settings). Default: $GTFC_HOME, else ~/.gtfc.")
  Path home;

  @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print stack traces for errors.")
  boolean debug;

  @Option(names = {"-v", "--verbose"}, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "More log lines on standard error: -v info, -vv debug (also: GTFC_LOG, or 'log' in node.properties).")
  boolean[] verbose;

  @Option(names = {"-q", "--quiet"}, scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Errors only: no log warnings, no progress bars, no hints.")
  boolean quiet;

  GtfcCommand(Gtfc.Console console, Gtfc.Nodes nodes, Gtfc.Wire wire) {
    this.console = console;
    this.nodes = nodes;
    this.wire = wire;
  }

  /** The raw standard streams ('gtfc shell' speaks git's protocol on them). */
  Gtfc.Wire wire() {
    return wire;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(console.err());
    return ExitCode.BAD_INPUT.code;
  }

  boolean debug() {
    return debug;
  }

  Gtfc.Console console() {
    return console;
  }

  PrintWriter out() {
    return console.out();
  }

  PrintWriter err() {
    return console.err();
  }

  NodeHome nodeHome() {
    return NodeHome.resolve(home, console.env());
  }

  NodeComponent node() {
    if (node == null) {
      node = nodes.create(nodeHome(), progress());
    }
    return node;
  }

  /** A node for another home, as 'demo' needs for its three nodes. */
  NodeComponent nodeFor(NodeHome other) {
    return nodes.create(other, Progress.NONE);
  }

  /**
   * The folder given, else the gtfc folder around the working directory, else the folder this
   * node home was set up with.
   */
  Path folder(Path given) {
    if (given != null) {
      return console.workingDirectory().resolve(given).normalize();
    }
    return node().stores().find(console.workingDirectory())
        .map(FolderLayout::folder)
        .or(() -> settings().folder().filter(f -> node().stores().exists(FolderLayout.of(f))))
        .orElseThrow(() -> new GtfcException(Problem.BAD_INPUT, "no FOLDER given, and "
            + console.workingDirectory() + " is not inside a gtfc folder: name the folder, e.g. 'gtfc status ~/share'"));
  }

  /** The address to listen on: the option, else the one saved at bootstrap or join, else the default. */
  Endpoint listenAddress(Endpoint option) {
    return option != null ? option : NodeSettings.load(nodeHome()).listen().orElse(Addresses.DEFAULT_LISTEN);
  }

  /** This node's settings file: what options left unsaid. */
  NodeSettings settings() {
    return NodeSettings.load(nodeHome());
  }

  boolean quiet() {
    return quiet;
  }

  /** Where long work reports progress: a bar on standard error at a terminal, nothing otherwise. */
  Progress progress() {
    return quiet || !console.interactive() ? Progress.NONE : new TerminalProgress(console.err(), console.clock());
  }

  /**
   * The subcommands picocli must know to run {@code args} exactly as with all of them: only the
   * one named, unless the command line asks for help (any {@code -h} or {@code --help}), for
   * completion or man pages, names no known command, or is one picocli reads differently
   * ({@code --}, an {@code @file}); then all, in help order. None for the root's
   * {@code --version} alone. The root's options take no value but {@code --home}'s.
   */
  static Collection<Class<?>> commandsFor(String... args) {
    String named = firstWord(args).orElse(null);
    if (named != null && (named.equals("--") || named.startsWith("@"))) {
      return COMMANDS.values();
    }
    boolean help = false;
    boolean version = false;
    for (String arg : args) {
      help |= arg.equals("--help") || arg.matches("-[a-zA-Z]*h[a-zA-Z]*");
      version |= arg.equals("--version") || arg.equals("-V");
    }
    if (named == null && version && !help) {
      return List.of();
    }
    if (named == null || help || !COMMANDS.containsKey(named) || ABOUT_ALL.contains(named)) {
      return COMMANDS.values();
    }
    return List.of(COMMANDS.get(named));
  }

  /**
   * The first word of a command line that is neither an option nor {@code --home}'s value: the
   * command's name, unless it is {@code --} or an {@code @file}.
   */
  static Optional<String> firstWord(String... args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--home")) {
        i++;
      } else if (arg.equals("--") || !arg.startsWith("-")) {
        return Optional.of(arg);
      }
    }
    return Optional.empty();
  }

  /**
   * Names and classes, alternating. The names are written out rather than read from each class's
   * {@code @Command}: reading 25 annotations took longer than building the one command used
   * (CommandTreeTest checks that they agree).
   */
  private static Map<String, Class<?>> commands(Object... namesAndClasses) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (int i = 0; i < namesAndClasses.length; i += 2) {
      byName.put((String) namesAndClasses[i], (Class<?>) namesAndClasses[i + 1]);
    }
    return Collections.unmodifiableMap(byName);
  }

  /** Resolves a path argument against the working directory, for commands that create folders. */
  Path path(Path given) {
    return console.workingDirectory().resolve(given).normalize();
  }
}
