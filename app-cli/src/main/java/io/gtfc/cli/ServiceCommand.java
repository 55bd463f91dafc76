package io.gtfc.cli;

import io.gtfc.ports.GtfcException;
import io.gtfc.ssh.JdkEd25519Registrar;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** gtfc service: run 'gtfc watch' at boot under systemd, FreeBSD rc.d or launchd. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = {"Run the daemon at boot: print or install a service definition for 'gtfc watch FOLDER'.",
        "A systemd unit (Linux), an rc.d script (FreeBSD, as the original tool ran) or a launchd plist (macOS)."},
    footer = {"%nExamples:%n  gtfc service print ~/share%n  sudo gtfc service install ~/share --user sync"},
    subcommands = {ServiceCommand.Print.class, ServiceCommand.Install.class})
final class ServiceCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Override
  public Integer call() {
    gtfc.err().println("gtfc: say 'gtfc service print FOLDER' or 'gtfc service install FOLDER'");
    return ExitCode.BAD_INPUT.code;
  }

  /** The kinds of service manager. */
  enum Kind {
    systemd, rcd, launchd;

    static Kind forThisSystem() {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      return os.contains("freebsd") ? rcd : os.contains("mac") ? launchd : systemd;
    }
  }

  /**
   * The JVM options of a daemon, as the {@code gtfc} launcher gives them: one GC thread, the client
   * compiler only, small stacks, no perf-data file, ed25519 from the JDK, a small heap that gives memory back
   * (after the collection {@link IdleHeapTrim} runs).
   */
  static final String JVM_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:-UsePerfData "
      + JdkEd25519Registrar.REGISTRARS_OPTION
      + " -Xms16m -Xmn8m -XX:-ShrinkHeapInSteps";

  /** The environment of a daemon: no system git config for JGit, fewer malloc arenas (less memory). */
  static final String ENVIRONMENT = "GIT_CONFIG_NOSYSTEM=1 MALLOC_ARENA_MAX=2";

  /** What the definition runs. */
  record Definition(Kind kind, String name, String user, Path home, Path folder, String java, String jar) {
    String text() {
      String args = "-jar " + jar + " --home " + home + " watch " + folder;
      return switch (kind) {
        case systemd -> "[Unit]\n"
            + "Description=gtfc: keep " + folder + " in sync with its cluster\n"
            + "After=network-online.target\nWants=network-online.target\n\n"
            + "[Service]\nType=simple\n"
            + (user.equals("root") ? "" : "User=" + user + "\n")
            + "Environment=" + ENVIRONMENT + "\n"
            + "ExecStart=" + java + " " + JVM_OPTIONS + " " + args + "\n"
            + "Restart=on-failure\nRestartSec=5\nTimeoutStopSec=30\n\n"
            + "[Install]\nWantedBy=multi-user.target\n";
        case rcd -> "#!/bin/sh\n"
            + "# PROVIDE: " + name + "\n# REQUIRE: NETWORKING\n# KEYWORD: shutdown\n\n"
            + ". /etc/rc.subr\n\n"
            + "name=\"" + name + "\"\nrcvar=\"" + name + "_enable\"\n"
            + ": ${" + name + "_enable:=\"NO\"}\n"
            + ": ${" + name + "_user:=\"" + user + "\"}\n"
            + "pidfile=\"/var/run/${name}.pid\"\n"
            + "command=\"/usr/sbin/daemon\"\n"
            + "command_args=\"-f -r -P ${pidfile} /usr/bin/env " + ENVIRONMENT + " " + java + " " + JVM_OPTIONS + " "
            + args + "\"\n\n"
            + "load_rc_config $name\nrun_rc_command \"$1\"\n";
        case launchd -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
            + "<plist version=\"1.0\">\n<dict>\n"
            + "  <key>Label</key><string>io.gtfc." + name + "</string>\n"
            + "  <key>ProgramArguments</key>\n  <array>\n"
            + "    <string>" + java + "</string>\n"
            + Arrays.stream(JVM_OPTIONS.split(" ")).map(o -> "    <string>" + o + "</string>\n").collect(Collectors.joining())
            + "    <string>-jar</string>\n    <string>" + jar + "</string>\n"
            + "    <string>--home</string>\n    <string>" + home + "</string>\n"
            + "    <string>watch</string>\n    <string>" + folder + "</string>\n"
            + "  </array>\n"
            + "  <key>EnvironmentVariables</key>\n  <dict><key>GIT_CONFIG_NOSYSTEM</key><string>1</string>"
            + "<key>MALLOC_ARENA_MAX</key><string>2</string></dict>\n"
            + "  <key>RunAtLoad</key><true/>\n  <key>KeepAlive</key><true/>\n"
            + "</dict>\n</plist>\n";
      };
    }

    /** Where the definition goes, and the command that starts it. */
    Path target(Path to) {
      return switch (kind) {
        case systemd -> to.resolve(name + ".service");
        case rcd -> to.resolve(name);
        case launchd -> to.resolve("io.gtfc." + name + ".plist");
      };
    }

    Path defaultDirectory(Path userHome) {
      return switch (kind) {
        case systemd -> Path.of("/etc/systemd/system");
        case rcd -> Path.of("/usr/local/etc/rc.d");
        case launchd -> userHome.resolve("Library/LaunchAgents");
      };
    }

    String startHint(Path file) {
      return switch (kind) {
        case systemd -> "systemctl daemon-reload && systemctl enable --now " + file.getFileName();
        case rcd -> "sysrc " + name + "_enable=YES && service " + name + " start";
        case launchd -> "launchctl load -w " + file;
      };
    }
  }

  /** Options both subcommands share. */
  abstract static class Base {
    @ParentCommand
    ServiceCommand service;

    @Parameters(paramLabel = "FOLDER", arity = "0..1", description = "The gtfc folder. Default: the one around the working directory.")
    Path folder;

    @Option(names = "--kind", paramLabel = "KIND", description = "systemd, rcd or launchd. Default: this system's.")
    Kind kind;

    @Option(names = "--user", paramLabel = "USER", description = "The account the daemon runs as. Default: the current one.")
    String user;

    Definition definition() {
      GtfcCommand gtfc = service.gtfc;
      Path target = gtfc.folder(folder);
      String name = "gtfc-" + target.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String jar;
      try {
        jar = Path.of(Gtfc.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      } catch (java.net.URISyntaxException | RuntimeException e) {
        throw new GtfcException(Problem.ENVIRONMENT, "cannot tell where the gtfc jar is: " + e.getMessage());
      }
      String account = user != null ? user : gtfc.console().env().getOrDefault("USER", System.getProperty("user.name"));
      return new Definition(kind != null ? kind : Kind.forThisSystem(), name, account, gtfc.nodeHome().path(), target,
          java, jar);
    }
  }

  /** gtfc service print. */
  @Command(name = "print", mixinStandardHelpOptions = true, description = "Print the service definition.",
      footer = {"%nExample:%n  gtfc service print ~/share --kind systemd"})
  static final class Print extends Base implements Callable<Integer> {
    @Override
    public Integer call() {
      service.gtfc.out().print(definition().text());
      return ExitCode.OK.code;
    }
  }

  /** gtfc service install. */
  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Write the service definition where the service manager looks, and say how to start it.",
      footer = {"%nExample:%n  sudo gtfc service install ~/share --user sync"})
  static final class Install extends Base implements Callable<Integer> {
    @Option(names = "--to", paramLabel = "DIR", description = "Write it into DIR instead of the system's place.")
    Path to;

    @Override
    public Integer call() {
      Definition d = definition();
      Path userHome = Path.of(service.gtfc.console().env().getOrDefault("HOME", System.getProperty("user.home")));
      Path file = d.target(to != null ? service.gtfc.path(to) : d.defaultDirectory(userHome));
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, d.text(), StandardCharsets.UTF_8);
        if (d.kind() == Kind.rcd) {
          file.toFile().setExecutable(true, false);
        }
      } catch (IOException e) {
        throw new GtfcException(Problem.ENVIRONMENT, "cannot write " + file + ": " + e.getMessage()
            + " (run as root, or give --to DIR)");
      }
      service.gtfc.out().printf("wrote %s%nstart it with: %s%n", file, d.startHint(file));
      return ExitCode.OK.code;
    }
  }
}
