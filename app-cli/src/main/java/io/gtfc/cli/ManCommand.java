package io.gtfc.cli;

import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** gtfc man: manual pages in troff, generated from the same model as --help. */
@Command(name = "man", mixinStandardHelpOptions = true,
    description = {"Print the manual page of gtfc or of one COMMAND (troff, what 'man' reads).",
        "With --dir, write every page (gtfc.1, gtfc-status.1, ...) into a directory instead."},
    footer = {"%nExamples:%n  gtfc man status | man -l -"
        + "%n  gtfc man --dir ~/.local/share/man/man1 && man gtfc-doctor"})
final class ManCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "A command, e.g. status. Default: gtfc itself.")
  String command;

  @Option(names = "--dir", paramLabel = "DIR", description = "Write every page into DIR (created if missing).")
  Path dir;

  @Override
  public Integer call() throws IOException {
    CommandSpec root = spec.root();
    if (dir != null) {
      Path target = gtfc.path(dir);
      Files.createDirectories(target);
      List<CommandSpec> all = new ArrayList<>();
      all.add(root);
      root.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct().forEach(all::add);
      for (CommandSpec c : all) {
        Files.writeString(target.resolve(pageName(c) + ".1"), page(c), StandardCharsets.UTF_8);
      }
      gtfc.err().printf("wrote %d manual pages to %s%n", all.size(), target);
      return ExitCode.OK.code;
    }
    CommandSpec chosen = root;
    if (command != null) {
      CommandLine sub = root.subcommands().get(command);
      if (sub == null) {
        throw new GtfcException(Problem.BAD_INPUT, "'" + command + "' is not a gtfc command: see 'gtfc --help'");
      }
      chosen = sub.getCommandSpec();
    }
    gtfc.out().print(page(chosen));
    gtfc.out().flush();
    return ExitCode.OK.code;
  }

  static String pageName(CommandSpec c) {
    return c.parent() == null ? "gtfc" : "gtfc-" + c.name();
  }

  /** One manual page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, ARGUMENTS, the footer, EXIT STATUS, SEE ALSO. */
  static String page(CommandSpec c) {
    StringBuilder t = new StringBuilder();
    String name = pageName(c);
    String version = c.root().version().length > 0 ? c.root().version()[0] : "gtfc";
    t.append(".TH ").append(name.toUpperCase(Locale.ROOT).replace("-", "\\-")).append(" 1 \"\" \"")
        .append(escape(version)).append("\" \"gtfc manual\"\n");
    String[] description = c.usageMessage().description();
    t.append(".SH NAME\n").append(name.replace("-", "\\-")).append(" \\- ")
        .append(escape(description.length > 0 ? firstSentence(description[0]) : "")).append('\n');
    t.append(".SH SYNOPSIS\n.nf\n")
        .append(escape(new CommandLine.Help(c, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
            .synopsis(0).strip()))
        .append("\n.fi\n");
    t.append(".SH DESCRIPTION\n").append(escape(String.join(" ", description))).append('\n');
    if (!c.positionalParameters().isEmpty()) {
      t.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : c.positionalParameters()) {
        t.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(escape(text(p))).append('\n');
      }
    }
    if (!c.options().isEmpty()) {
      t.append(".SH OPTIONS\n");
      for (OptionSpec o : c.options()) {
        t.append(".TP\n.B ").append(escape(String.join(", ", o.names())));
        if (o.arity().max() > 0) {
          t.append(" \\fI").append(escape(o.paramLabel())).append("\\fR");
        }
        t.append('\n').append(escape(text(o))).append('\n');
      }
    }
    String[] footer = c.usageMessage().footer();
    if (footer.length > 0) {
      t.append(".SH NOTES\n.nf\n");
      for (String line : footer) {
        t.append(escape(String.format(line).strip())).append('\n');
      }
      t.append(".fi\n");
    }
    t.append(".SH EXIT STATUS\n");
    for (Map.Entry<String, String> e : ExitCode.helpTable().entrySet()) {
      t.append(".TP\n.B ").append(e.getKey().strip()).append('\n').append(escape(e.getValue())).append('\n');
    }
    t.append(".SH ENVIRONMENT\n.TP\n.B GTFC_HOME\nThe node home when --home is not given (default ~/.gtfc).\n")
        .append(".TP\n.B GTFC_LOG\nThe log level: error, warn (default), info or debug.\n");
    t.append(".SH SEE ALSO\n");
    if (c.parent() == null) {
      t.append(escape(String.join(", ", c.subcommands().keySet().stream().map(s -> "gtfc-" + s + "(1)").toList())))
          .append('\n');
    } else {
      t.append("gtfc(1)\n");
    }
    return t.toString();
  }

  private static String text(ArgSpec a) {
    return String.join(" ", a.description());
  }

  private static String firstSentence(String line) {
    int stop = line.indexOf(". ");
    return (stop > 0 ? line.substring(0, stop) : line).replaceAll("[.:]$", "");
  }

  /** Backslashes doubled; a line may not start with a dot or quote, which troff reads as a request. */
  static String escape(String text) {
    String s = text.replace("\\", "\\e").replace("-", "\\-");
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (line.startsWith(".") || line.startsWith("'")) {
        out.append("\\&");
      }
      out.append(line);
    }
    return out.toString();
  }
}
