package io.gtfc.cli;

import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** gtfc completion: the shell completion script, generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash or zsh: commands, options and their values complete with TAB."},
    footer = {"%nExamples:%n  source <(gtfc completion bash)                               # this shell"
        + "%n  gtfc completion bash | sudo tee /etc/bash_completion.d/gtfc  # every bash"
        + "%n  echo 'source <(gtfc completion zsh)' >> ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
  @ParentCommand
  GtfcCommand gtfc;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  public Integer call() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new GtfcException(Problem.BAD_INPUT, "'" + shell + "' is not a shell gtfc completes for: use bash or zsh");
    }
    // one script serves both: under zsh it loads bashcompinit itself
    gtfc.out().print(AutoComplete.bash("gtfc", spec.root().commandLine()));
    gtfc.out().flush();
    return ExitCode.OK.code;
  }
}
