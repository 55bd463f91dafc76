package io.gtfc.cli.archfixture.commands;

import io.gtfc.cli.archfixture.CliRoot;

/** The other half of a cycle between two packages of one module. */
public final class CliCommand {
  public CliRoot root;
}
