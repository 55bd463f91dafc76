package io.gtfc.usecases.archfixture;

import org.apache.sshd.client.SshClient;

/** A use case that talks SSH itself instead of through PeerTransport. */
public final class PushOverSshd {
  public SshClient client;
}
