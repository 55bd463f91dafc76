package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshdPeerServerTest {
  @TempDir
  Path temp;

  private ServedCluster cluster;

  @BeforeEach
  void serveBeta() throws Exception {
    cluster = new ServedCluster(temp);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private RawSsh asAlpha() throws Exception {
    return RawSsh.member(cluster.server.address(), cluster.alpha.home);
  }

  @Test
  void theServerListensWhereItSays() {
    Endpoint address = cluster.server.address();
    assertThat(address.host()).isEqualTo("127.0.0.1");
    assertThat(address.port()).isPositive();
  }

  @Test
  void anyOtherCommandIsRefusedWithOneLine() throws Exception {
    try (RawSsh ssh = asAlpha()) {
      RawSsh.Result ls = ssh.exec("ls");
      assertThat(ls.exit).isEqualTo(1);
      assertThat(ls.err).isEqualTo("this server runs only git-upload-pack '/gtfc', git-receive-pack '/gtfc'"
          + ", gtfc-join and gtfc-leave: refused 'ls'\n");
      assertThat(ls.out).isEmpty();
    }
  }

  @Test
  void otherPathsAreRefused() throws Exception {
    try (RawSsh ssh = asAlpha()) {
      for (String command : new String[] {
          "git-upload-pack '/etc'", "git-upload-pack '../x'", "git-upload-pack '/gtfc/../x'",
          "git-receive-pack '/gtfc/..'", "git-upload-pack '/gtfc' ; ls", "git-upload-pack /gtfc"}) {
        RawSsh.Result result = ssh.exec(command);
        assertThat(result.exit).as(command).isEqualTo(1);
        assertThat(result.err).as(command).startsWith("only the folder '/gtfc' is served here: refused '");
        assertThat(result.out).as(command).contains("ERR only the folder '/gtfc' is served here");
      }
    }
  }

  @Test
  void aShellIsRefused() throws Exception {
    try (RawSsh ssh = asAlpha()) {
      RawSsh.Result shell = ssh.shell();
      assertThat(shell.exit).isEqualTo(1);
      assertThat(shell.err).startsWith("this server offers no shell");
    }
  }

  @Test
  void subsystemsAndForwardingAreRefused() throws Exception {
    try (RawSsh ssh = asAlpha()) {
      CoreModuleProperties.REQUEST_SUBSYSTEM_REPLY.set(ssh.session, true);
      ChannelSubsystem sftp = ssh.session.createSubsystemChannel("sftp");
      sftp.open().await(Duration.ofSeconds(10));
      assertThat(sftp.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(10)))
          .contains(ClientChannelEvent.CLOSED);
    }
    try (RawSsh ssh = asAlpha()) {
      assertThatThrownBy(() -> ssh.session.startRemotePortForwarding(
          new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", 9)))
          .isInstanceOf(Exception.class);
    }
    try (RawSsh ssh = asAlpha()) {
      ChannelDirectTcpip tunnel = ssh.session.createDirectTcpipChannel(
          new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress("127.0.0.1", cluster.server.address().port()));
      assertThatThrownBy(() -> tunnel.open().verify(Duration.ofSeconds(10))).isInstanceOf(Exception.class);
    }
  }

  @Test
  void aJoinSessionMayOnlyJoin() throws Exception {
    try (RawSsh ssh = RawSsh.joiner(cluster.server.address(), ServedCluster.SECRET)) {
      RawSsh.Result fetch = ssh.exec("git-upload-pack '/gtfc'");
      assertThat(fetch.exit).isEqualTo(1);
      assertThat(fetch.err).startsWith("only members of this cluster may fetch");
      RawSsh.Result push = ssh.exec("git-receive-pack '/gtfc'");
      assertThat(push.exit).isEqualTo(1);
      assertThat(push.err).startsWith("only members of this cluster may push");
    }
  }

  @Test
  void aMemberCannotRunTheJoinCommand() throws Exception {
    try (RawSsh ssh = asAlpha()) {
      RawSsh.Result join = ssh.exec("gtfc-join", "version=1\nname=alpha\n\n");
      assertThat(join.exit).isEqualTo(1);
      assertThat(join.err).startsWith("gtfc-join needs an invitation");
    }
    assertThat(cluster.admitted).isEmpty();
  }

  @Test
  void aMalformedJoinRequestIsRefused() throws Exception {
    try (RawSsh ssh = RawSsh.joiner(cluster.server.address(), ServedCluster.SECRET)) {
      RawSsh.Result join = ssh.exec("gtfc-join", "version=1\nname=gamma\n\n");
      assertThat(join.exit).isEqualTo(1);
      assertThat(join.err).isEqualTo("the join request cannot be read: 'user-key' is missing\n");
    }
    assertThat(cluster.admitted).isEmpty();
  }

  @Test
  void passwordsAreOnlyForJoining() {
    assertThatThrownBy(() -> RawSsh.joiner(cluster.server.address(), "wrong-secret-of-some-length")).isInstanceOf(Exception.class);
    assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.mallory.home)).isInstanceOf(Exception.class);
  }

  @Test
  void aPortInUseIsReportedWithWhatToDo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      SshdPeerServer server = new SshdPeerServer(cluster.beta.home);

      assertThatThrownBy(() -> server.start(cluster.spec(Endpoint.of("127.0.0.1", port))))
          .isInstanceOf(GtfcException.class)
          .hasMessage("cannot listen on 127.0.0.1:" + port + ": the port is in use; choose another with --listen HOST:PORT")
          .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.ENVIRONMENT);
    }
  }

  @Test
  void aNodeWithoutHostKeyCannotServe() {
    SshdPeerServer server = new SshdPeerServer(temp.resolve("empty-home"));

    assertThatThrownBy(() -> server.start(cluster.spec(Endpoint.of("127.0.0.1", 0))))
        .isInstanceOf(GtfcException.class)
        .hasMessageContaining("this node has no host key")
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.BAD_STATE);
  }
}
