package io.gtfc.ssh.archfixture;

import picocli.CommandLine;

/** Command-line parsing outside the CLI. */
public final class SshAdapterUsingPicocli {
  public CommandLine commandLine;
}
