package io.gtfc.cli.archfixture;

import io.gtfc.cli.archfixture.commands.CliCommand;

/** Half of a cycle between two packages of one module. */
public final class CliRoot {
  public CliCommand command;
}
