package io.gtfc.cli;

import dagger.Module;
import dagger.Provides;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PackService;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Progress;
import io.gtfc.ssh.FileInviteBook;
import io.gtfc.ssh.JGitPackService;
import io.gtfc.ssh.MinaNodeKeys;
import io.gtfc.ssh.ServerLimits;
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
  static PeerServer server(NodeHome home, ServerLimits limits) {
    return new SshdPeerServer(home.path(), limits);
  }

  @Provides
  @Singleton
  static PackService packs(ServerLimits limits) {
    return new JGitPackService(limits);
  }

  /** The limits in the node's local settings ({@code max-pack-size=2g}, ...), else the defaults. */
  @Provides
  @Singleton
  static ServerLimits limits(NodeHome home) {
    NodeSettings settings = NodeSettings.load(home);
    ServerLimits limits = ServerLimits.DEFAULT;
    long pack = settings.size("max-pack-size").orElse(limits.maxPackBytes());
    limits = limits.withMaxPackBytes(pack)
        .withMaxObjectBytes(settings.size("max-object-size").orElse(Math.min(pack, limits.maxObjectBytes())));
    long sessions = settings.size("max-sessions").orElse((long) limits.maxSessions());
    long perAddress = settings.size("max-sessions-per-address").orElse((long) limits.maxSessionsPerAddress());
    return limits.withSessions((int) Math.min(sessions, 100_000), (int) Math.min(perAddress, 100_000));
  }
}
