package io.gtfc.ssh.archfixture;

import org.eclipse.jgit.transport.SshSessionFactory;

/** Swaps JGit's SSH client for every node in the JVM at once. */
public final class SshAdapterSettingTheGlobalSessionFactory {
  public void start(SshSessionFactory factory) {
    SshSessionFactory.setInstance(factory);
  }
}
