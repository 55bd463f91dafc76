package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Gtfc.main} in a JVM of its own, as the launcher starts it: what in-process runs skip (the
 * preload thread beside picocli, the log format chosen per command, the exit code given to the JVM).
 */
class MainProcessTest {
  @TempDir
  Path root;

  @Test
  void aOneShotCommandRunsThroughMainAndPrintsNothingButItsAnswer() throws Exception {
    ServingNode alpha = new ServingNode(root, "alpha");
    new CliRunner(root).bootstrap(alpha);

    Exited status = main("--home", alpha.home.toString(), "status", "--offline", alpha.folder.toString());

    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("node     alpha (admin)").endsWith("in sync\n");
    assertThat(status.err()).isEmpty();
  }

  @Test
  void badInputThroughMainIsOneLineAndANonZeroExit() throws Exception {
    Exited status = main("--home", root.resolve("home").toString(), "status", "--offline",
        root.resolve("not-a-gtfc-folder").toString());

    assertThat(status.code()).isNotZero();
    assertThat(status.out()).isEmpty();
    assertThat(status.err().lines()).hasSize(1).allMatch(line -> line.startsWith("gtfc: "));
  }

  private record Exited(int code, String out, String err) {}

  private Exited main(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Gtfc.class.getName()));
    command.addAll(List.of(args));
    Path out = root.resolve("out.txt");
    Path err = root.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("HOME", root.resolve("user-home").toString());
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().remove("GTFC_LOG");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("gtfc exited within 60 s").isTrue();
    return new Exited(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
