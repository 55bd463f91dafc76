package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A command line gets only the subcommand it runs; nothing it prints may differ from the full tree's. */
class CommandTreeTest {
  @TempDir
  Path root;

  @Test
  void anOrdinaryCommandLineGetsOnlyTheCommandItNames() {
    assertThat(GtfcCommand.commandsFor("status", "--offline", "/tmp/share")).containsExactly(StatusCommand.class);
    assertThat(GtfcCommand.commandsFor("--home", "status", "-q", "push", "x")).containsExactly(PushCommand.class);
    assertThat(GtfcCommand.commandsFor("-vv", "--home=/h", "remote-status")).containsExactly(RemoteStatusCommand.class);
    assertThat(GtfcCommand.commandsFor("service", "print", "/tmp/share")).containsExactly(ServiceCommand.class);
  }

  @Test
  void helpCompletionManAndUnclearCommandLinesGetEveryCommandInHelpOrder() {
    List<Class<?>> all = List.copyOf(GtfcCommand.COMMANDS.values());
    assertThat(all).hasSize(25).startsWith(BootstrapCommand.class).endsWith(ManCommand.class);
    for (String[] line : List.of(new String[] {}, new String[] {"--help"}, new String[] {"-q"},
        new String[] {"status", "--help"}, new String[] {"status", "-qh"}, new String[] {"status", "-h"},
        new String[] {"completion", "bash"}, new String[] {"man", "status"}, new String[] {"frobnicate"},
        new String[] {"--home"}, new String[] {"--", "status"}, new String[] {"@args.txt"},
        new String[] {"--version", "--help"})) {
      assertThat(GtfcCommand.commandsFor(line)).as(String.join(" ", line)).containsExactlyElementsOf(all);
    }
  }

  @Test
  void eachCommandIsListedByTheNameItsAnnotationGives() {
    GtfcCommand.COMMANDS.forEach((name, command) ->
        assertThat(command.getAnnotation(CommandLine.Command.class).name()).isEqualTo(name));
  }

  @Test
  void theCommandIsTheFirstWordThatIsNeitherAnOptionNorTheHome() {
    assertThat(GtfcCommand.firstWord("--home", "/h", "-v", "watch", "/tmp/share")).contains("watch");
    assertThat(GtfcCommand.firstWord("--home=/h", "serve")).contains("serve");
    assertThat(GtfcCommand.firstWord("-q", "--", "status")).contains("--");
    assertThat(GtfcCommand.firstWord("-q", "--home")).isEmpty();
    // the commands whose log lines carry the time are commands
    assertThat(GtfcCommand.COMMANDS).containsKeys(Gtfc.LONG_RUNNING.toArray(String[]::new));
  }

  @Test
  void theVersionAloneNeedsNoCommand() {
    assertThat(GtfcCommand.commandsFor("--version")).isEmpty();
    assertThat(GtfcCommand.commandsFor("-q", "-V")).isEmpty();
    assertThat(GtfcCommand.commandsFor("--version", "status")).containsExactly(StatusCommand.class);
  }

  @Test
  void eachCommandAloneHasTheUsageAndTheParseErrorsItHasInTheFullTree() {
    for (Map.Entry<String, Class<?>> command : GtfcCommand.COMMANDS.entrySet()) {
      String name = command.getKey();
      CommandLine alone = tree(List.of(command.getValue()));
      CommandLine full = tree(GtfcCommand.COMMANDS.values());
      assertThat(alone.getSubcommands()).containsOnlyKeys(name);

      assertThat(alone.getSubcommands().get(name).getUsageMessage())
          .isEqualTo(full.getSubcommands().get(name).getUsageMessage())
          .contains("--home=DIR", "-q, --quiet");
      for (String[] line : List.of(new String[] {name, "--bogus-option"}, new String[] {"--home", name, name},
          new String[] {name, "--home"}, new String[] {"-v", name, "a", "b", "c", "d"})) {
        assertThat(parseError(alone, line)).as(String.join(" ", line)).isEqualTo(parseError(full, line));
      }
    }
  }

  @Test
  void aCommandAloneStillTakesTheRootOptionsBeforeAndAfterItsName() {
    CommandLine alone = tree(List.of(StatusCommand.class));
    CommandLine.ParseResult parsed = alone.parseArgs("-q", "status", "--home", "/elsewhere", "--offline", "/share");

    GtfcCommand gtfc = (GtfcCommand) parsed.commandSpec().userObject();
    StatusCommand status = (StatusCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(gtfc.quiet()).isTrue();
    assertThat(gtfc.home).isEqualTo(Path.of("/elsewhere"));
    assertThat(status.offline).isTrue();
    assertThat(status.folder).isEqualTo(Path.of("/share"));
  }

  private CommandLine tree(java.util.Collection<Class<?>> commands) {
    PrintWriter sink = new PrintWriter(new StringWriter(), true);
    Gtfc.Console console = new Gtfc.Console(sink, sink, Map.of("HOME", root.toString()), root, Clock.systemUTC(),
        CliRunner.TestLifetime::new, false);
    return new Gtfc(console).commandLine(commands);
  }

  private static String parseError(CommandLine cli, String... line) {
    try {
      cli.parseArgs(line);
      return "parsed";
    } catch (CommandLine.ParameterException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
