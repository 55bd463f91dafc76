package io.gtfc.ssh.archfixture;

/** Configures every node in the JVM at once. */
public final class SshAdapterSettingASystemProperty {
  public void start() {
    System.setProperty("user.home", "/tmp/node-a");
  }
}
