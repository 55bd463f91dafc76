package io.gtfc.git.archfixture;

import io.gtfc.ssh.archfixture.SshAdapterFixture;

/** One adapter reaching into another. */
public final class GitAdapterCallingSsh {
  public SshAdapterFixture ssh;
}
