package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What users of good command-line tools expect: help with examples, completion, man pages, -v/-q, a settings file. */
class ConventionsTest {
  @TempDir
  Path root;

  private static List<String> commandPaths() {
    PrintWriter sink = new PrintWriter(new StringWriter());
    Gtfc.Console console = new Gtfc.Console(sink, sink, Map.of(), Path.of("/"), Clock.systemUTC(), () -> null, false);
    List<String> paths = new ArrayList<>();
    collect(new Gtfc(console).commandLine(GtfcCommand.COMMANDS.values()), "", paths);
    return paths;
  }

  private static void collect(CommandLine cli, String prefix, List<String> paths) {
    for (var sub : cli.getSubcommands().entrySet()) {
      String path = (prefix + " " + sub.getKey()).strip();
      paths.add(path);
      collect(sub.getValue(), path, paths);
    }
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    CliRunner gtfc = new CliRunner(root);
    List<String> commands = commandPaths();
    assertThat(commands).contains("status", "remote-status", "diff", "undo", "doctor", "completion", "man",
        "service print");
    for (String command : commands) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      CliRunner.Result help = gtfc.run(args.toArray(String[]::new));
      assertThat(help.code()).as(command).isZero();
      assertThat(help.out()).as("gtfc %s --help", command).containsPattern("Examples?:");
    }
  }

  @Test
  void theRootHelpDocumentsTheSettingsFileAndTheGlobalOptions() {
    CliRunner.Result help = new CliRunner(root).run("--help");
    assertThat(help.out()).contains("node.properties", "-v, --verbose", "-q, --quiet", "Exit codes:");
  }

  @Test
  void theCompletionScriptKnowsEveryCommand() {
    CliRunner.Result bash = new CliRunner(root).run("completion", "bash");

    assertThat(bash.code()).isZero();
    assertThat(bash.out()).contains("complete -F", "status", "remote-status", "doctor", "undo", "--json");
    assertThat(new CliRunner(root).run("completion", "zsh").out()).contains("bashcompinit");
    assertThat(new CliRunner(root).run("completion", "fish").code()).isEqualTo(ExitCode.BAD_INPUT.code);
  }

  @Test
  void manPagesAreTroffForEveryCommand() throws IOException {
    CliRunner gtfc = new CliRunner(root);
    CliRunner.Result status = gtfc.run("man", "status");
    assertThat(status.out()).startsWith(".TH GTFC\\-STATUS 1").contains(".SH SYNOPSIS", ".SH OPTIONS", "\\-\\-json",
        ".SH EXIT STATUS");

    assertThat(gtfc.run("man", "--dir", root.resolve("man1").toString()).code()).isZero();
    assertThat(root.resolve("man1/gtfc.1")).exists();
    assertThat(root.resolve("man1/gtfc-doctor.1")).content().contains("gtfc\\-doctor \\- Check everything this node needs");
  }

  @Test
  void theLogLevelComesFromTheFlagsThenTheEnvironmentThenTheSettingsFile() throws IOException {
    Path home = Files.createDirectories(root.resolve("home"));
    Map<String, String> env = Map.of("HOME", root.toString());
    String[] plain = {"--home", home.toString(), "status"};

    assertThat(Gtfc.logLevel(plain, env)).isEmpty();
    Files.writeString(home.resolve("node.properties"), "log=info\n");
    assertThat(Gtfc.logLevel(plain, env)).contains("info");
    assertThat(Gtfc.logLevel(plain, Map.of("GTFC_LOG", "debug"))).isEqualTo(Optional.of("info").map(x -> "debug"));
    assertThat(Gtfc.logLevel(new String[] {"--home", home.toString(), "-q", "status"}, env)).contains("error");
    assertThat(Gtfc.logLevel(new String[] {"status", "-v"}, env)).contains("info");
    assertThat(Gtfc.logLevel(new String[] {"-vv", "status"}, env)).contains("debug");
    assertThat(Gtfc.logLevel(new String[] {"log", "--", "-v"}, Map.of("HOME", root.resolve("none").toString())))
        .isEmpty();
  }

  @Test
  void verbosityFlagsAreAcceptedBeforeAndAfterTheCommand() {
    CliRunner gtfc = new CliRunner(root);
    assertThat(gtfc.run("-q", "nodes", "--help").code()).isZero();
    assertThat(gtfc.run("nodes", "-v", "--help").code()).isZero();
    assertThat(gtfc.run("-vv", "status", "--help").code()).isZero();
  }

  @Test
  void theSettingsFileGivesTheDefaultFolderAndDoctorFlagsAnUnknownKey() throws IOException {
    CliRunner gtfc = new CliRunner(root);
    Path home = root.resolve("home");
    Path folder = root.resolve("share");
    assertThat(gtfc.run("--home", home.toString(), "bootstrap", folder.toString(), "--name", "alpha",
        "--listen", "127.0.0.1:" + ServingNode.freePort()).code()).isZero();

    CliRunner.Result status = gtfc.run("--home", home.toString(), "status");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("folder   " + folder);

    Files.writeString(home.resolve("node.properties"), "watchr=poll\n", java.nio.file.StandardOpenOption.APPEND);
    CliRunner.Result doctor = gtfc.run("--home", home.toString(), "doctor");
    assertThat(doctor.out()).contains("WARN  settings").contains("watchr").contains("(a typo?)");

    Files.writeString(home.resolve("node.properties"), "anti-entropy=often\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(gtfc.run("--home", home.toString(), "doctor").out()).contains("FAIL  settings")
        .contains("'anti-entropy' is wrong");
  }
}
