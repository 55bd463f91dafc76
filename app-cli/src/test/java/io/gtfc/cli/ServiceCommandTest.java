package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCommandTest {
  @TempDir
  Path root;

  private CliRunner gtfc;
  private Path home;
  private Path folder;

  @BeforeEach
  void bootstrap() {
    gtfc = new CliRunner(root);
    home = root.resolve("home");
    folder = root.resolve("share");
    assertThat(gtfc.run("--home", home.toString(), "bootstrap", folder.toString(), "--name", "alpha",
        "--listen", "127.0.0.1:7001").code()).isZero();
  }

  @Test
  void aSystemdUnitRunsTheDaemonForThisHomeAndFolder() {
    CliRunner.Result r = gtfc.run("--home", home.toString(), "service", "print", folder.toString(),
        "--kind", "systemd", "--user", "sync");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("[Service]", "User=sync", "Restart=on-failure", "WantedBy=multi-user.target")
        .containsPattern("ExecStart=\\S+/bin/java .*-jar \\S+ --home " + home + " watch " + folder + "\n")
        .as("the launcher's daemon settings").contains("Environment=GIT_CONFIG_NOSYSTEM=1 MALLOC_ARENA_MAX=2")
        .containsPattern("ExecStart=\\S+ -XX:\\+UseSerialGC -XX:TieredStopAtLevel=1 .*-Xmn8m .*-jar ");
  }

  @Test
  void anRcdScriptUsesFreeBsdsDaemonLikeTheOriginal() {
    CliRunner.Result r = gtfc.run("--home", home.toString(), "service", "print", folder.toString(), "--kind", "rcd");
    assertThat(r.out()).contains("# PROVIDE: gtfc-share", ". /etc/rc.subr", "command=\"/usr/sbin/daemon\"",
        "watch " + folder, "run_rc_command \"$1\"");
  }

  @Test
  void installWritesTheDefinitionAndSaysHowToStartIt() {
    Path to = root.resolve("units");
    CliRunner.Result r = gtfc.run("--home", home.toString(), "service", "install", folder.toString(),
        "--kind", "launchd", "--to", to.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(to.resolve("io.gtfc.gtfc-share.plist")).content().contains("<string>watch</string>");
    assertThat(r.out()).contains("launchctl load -w");
  }
}
