package io.gtfc.cli;

import dagger.Module;
import dagger.Provides;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Progress;
import io.gtfc.ssh.FileInviteBook;
import io.gtfc.ssh.MinaNodeKeys;
import io.gtfc.ssh.SshPeerTransport;
import io.gtfc.ssh.SshdPeerServer;
import javax.inject.Singleton;

/** Transport: an embedded MINA SSHD server and JGit's MINA client, keyed from the node home. */
@Module
final class SshTransportModule {
  private SshTransportModule() {}

  @Provides
  @Singleton
  static NodeKeys keys(NodeHome home) {
    return new MinaNodeKeys(home.path());
  }

  @Provides
  @Singleton
  static InviteBook invites(NodeHome home) {
    return new FileInviteBook(home.path());
  }

  @Provides
  @Singleton
  static PeerTransport transport(NodeHome home, Progress progress) {
    return new SshPeerTransport(home.path(), progress);
  }

  @Provides
  @Singleton
  static PeerServer server(NodeHome home) {
    return new SshdPeerServer(home.path());
  }
}
