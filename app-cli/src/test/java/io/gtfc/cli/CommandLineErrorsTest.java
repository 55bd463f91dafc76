package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line on standard error and a documented non-zero exit, never a stack trace. */
class CommandLineErrorsTest {
  @TempDir
  Path root;

  private CliRunner gtfc() {
    return new CliRunner(root);
  }

  private static void assertOneLine(CliRunner.Result r) {
    assertThat(r.err().strip()).startsWith("gtfc: ").doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aFolderThatIsNotAGtfcFolderIsNamed() throws IOException {
    Files.createDirectories(root.resolve("plain"));
    CliRunner.Result r = gtfc().run("--home", root.resolve("h").toString(), "status", root.resolve("plain").toString());
    assertThat(r.code()).isEqualTo(ExitCode.BAD_STATE.code);
    assertOneLine(r);
    assertThat(r.err()).contains("plain");
  }

  @Test
  void noFolderOutsideAGtfcFolderSaysToNameOne() {
    CliRunner.Result r = gtfc().run("--home", root.resolve("h").toString(), "push");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertOneLine(r);
    assertThat(r.err()).contains("name the folder");
  }

  @Test
  void aBadTokenIsRefusedBeforeAnythingIsWritten() {
    Path folder = root.resolve("joined");
    CliRunner.Result r = gtfc().run("--home", root.resolve("h").toString(), "join", "gtfc1.bm9uc2Vuc2U", folder.toString());
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertOneLine(r);
    assertThat(r.err()).contains("damaged or incomplete");
    assertThat(folder).doesNotExist();
    assertThat(root.resolve(".git.joined")).doesNotExist();
  }

  @Test
  void aBadNodeNameIsExplained() {
    CliRunner.Result r = gtfc().run("--home", root.resolve("h").toString(), "bootstrap", root.resolve("f").toString(),
        "--name", "Not Valid");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertOneLine(r);
    assertThat(r.err()).contains("is not a valid node name");
  }

  @Test
  void anUnknownCommandPointsToHelp() {
    CliRunner.Result r = gtfc().run("frobnicate");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_INPUT.code);
    assertOneLine(r);
    assertThat(r.err()).contains("--help");
  }

  @Test
  void aPortInUseIsNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      CliRunner gtfc = gtfc();
      Path home = root.resolve("h");
      assertThat(gtfc.run("--home", home.toString(), "bootstrap", root.resolve("f").toString(),
          "--name", "alpha", "--listen", listen).code()).isZero();
      CliRunner.Result r = gtfc.run("--home", home.toString(), "serve", root.resolve("f").toString());
      assertThat(r.code()).isEqualTo(ExitCode.ENVIRONMENT.code);
      assertOneLine(r);
      assertThat(r.err()).contains(listen).contains("in use");
    }
  }

  @Test
  void aSecondBootstrapOfTheSameFolderIsRefused() {
    CliRunner gtfc = gtfc();
    Path home = root.resolve("h");
    assertThat(gtfc.run("--home", home.toString(), "bootstrap", root.resolve("f").toString(), "--name", "alpha",
        "--listen", "127.0.0.1:7001").code()).isZero();
    CliRunner.Result r = gtfc.run("--home", root.resolve("h2").toString(), "bootstrap", root.resolve("f").toString(),
        "--name", "alpha");
    assertThat(r.code()).isEqualTo(ExitCode.BAD_STATE.code);
    assertOneLine(r);
    assertThat(r.err()).contains("already a gtfc folder");
  }

  @Test
  void helpListsEveryExitCode() {
    CliRunner.Result r = gtfc().run("--help");
    assertThat(r.code()).isZero();
    for (ExitCode c : ExitCode.values()) {
      assertThat(r.out()).contains(c.meaning);
    }
  }
}
