package io.gtfc.ssh;

import io.gtfc.domain.Endpoint;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer server over Apache MINA SSHD: presents the node's host key from the node home, admits
 * members by their user key and joiners by their invitation secret, and runs git upload-pack and
 * receive-pack for one folder. No shell, no subsystem, no forwarding of any kind; only the
 * {@link ModernAlgorithms}; sessions, sign-in time, idle time and pushed packs within
 * {@link ServerLimits}.
 */
public final class SshdPeerServer implements PeerServer {
  static final int MAX_AUTH_ATTEMPTS = 6;
  static final int MAX_CHANNELS_PER_SESSION = 4;
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Logger LOG = LoggerFactory.getLogger(SshdPeerServer.class);

  private final Path home;
  private final ServerLimits limits;

  public SshdPeerServer(Path home) {
    this(home, ServerLimits.DEFAULT);
  }

  public SshdPeerServer(Path home, ServerLimits limits) {
    this.home = home.toAbsolutePath().normalize();
    this.limits = limits;
  }

  @Override
  public Running start(Spec spec) {
    KeyPair hostKey = hostKey();
    ExecutorService pool = Executors.newCachedThreadPool(threads(spec.listen()));
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(spec.listen().host());
    sshd.setPort(spec.listen().port());
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    ModernAlgorithms.apply(sshd);
    sshd.addSessionListener(new SessionCap(sshd, limits));

    SessionAuth auth = new SessionAuth(spec.members(), spec.joins(), spec.arrivals());
    sshd.setPublickeyAuthenticator(auth::publicKey);
    sshd.setPasswordAuthenticator(auth::password);
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setHostBasedAuthenticator(null);
    sshd.setUserAuthFactories(List.of(auth.publicKeyFactory(), UserAuthPasswordFactory.INSTANCE));

    sshd.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
    PeerCommands commands = new PeerCommands(spec, pool, limits);
    sshd.setCommandFactory(commands);
    sshd.setShellFactory(commands::refuseShell);
    sshd.setSubsystemFactories(List.of());
    sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    sshd.setAgentFactory(null);

    CoreModuleProperties.TCP_NODELAY.set(sshd, true); // Nagle held a push's small answers ~40 ms
    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, limits.idleTimeout());
    CoreModuleProperties.AUTH_TIMEOUT.set(sshd, limits.authTimeout());
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, MAX_AUTH_ATTEMPTS);
    CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(sshd, MAX_CHANNELS_PER_SESSION);

    try {
      sshd.start();
    } catch (IOException | RuntimeException e) {
      pool.shutdownNow();
      stopQuietly(sshd);
      throw cannotListen(spec.listen(), e);
    }
    Endpoint bound = Endpoint.of(spec.listen().host(), sshd.getPort());
    LOG.info("serving {} for {} on {} (host key {})", spec.folder(), spec.self(), bound,
        OpenSshKeys.toDomain(hostKey.getPublic()).fingerprint());
    return new Started(sshd, pool, bound);
  }

  private KeyPair hostKey() {
    Path file = MinaNodeKeys.hostKeyFile(home);
    if (!Files.exists(file)) {
      throw new GtfcException(Problem.BAD_STATE,
          "this node has no host key (" + file + "): run 'gtfc bootstrap' or 'gtfc join' first, or give the right --home");
    }
    return OpenSshKeys.read(file);
  }

  static GtfcException cannotListen(Endpoint listen, Exception e) {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof BindException) {
        String why = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        String reason = why.contains("in use")
            ? "the port is in use"
            : "the address is not one of this machine's (" + cause.getMessage() + ")";
        return new GtfcException(Problem.ENVIRONMENT,
            "cannot listen on " + listen + ": " + reason + "; choose another with --listen HOST:PORT", e);
      }
      if (cause instanceof UnknownHostException) {
        return new GtfcException(Problem.ENVIRONMENT,
            "cannot listen on " + listen + ": unknown host; choose another with --listen HOST:PORT", e);
      }
      cause = cause.getCause();
    }
    return new GtfcException(Problem.ENVIRONMENT,
        "cannot listen on " + listen + ": " + e.getMessage() + "; choose another with --listen HOST:PORT", e);
  }

  /**
   * Closes a new connection at once, before any SSH byte is sent, when the server already holds as
   * many sessions as it may in all or from that address.
   */
  static final class SessionCap implements SessionListener {
    private final SshServer sshd;
    private final ServerLimits limits;

    SessionCap(SshServer sshd, ServerLimits limits) {
      this.sshd = sshd;
      this.limits = limits;
    }

    @Override
    public void sessionCreated(Session session) {
      InetAddress from = addressOf(session.getIoSession().getRemoteAddress());
      List<AbstractSession> open = sshd.getActiveSessions();
      long fromThere = open.stream()
          .filter(s -> s != session && from != null && from.equals(addressOf(s.getIoSession().getRemoteAddress())))
          .count();
      long total = open.stream().filter(s -> s != session).count();
      if (total >= limits.maxSessions()) {
        LOG.warn("turned away {}: already {} sessions (the limit)", from, total);
        session.close(true);
      } else if (fromThere >= limits.maxSessionsPerAddress()) {
        LOG.warn("turned away {}: already {} sessions from that address (the limit)", from, fromThere);
        session.close(true);
      }
    }

    private static InetAddress addressOf(SocketAddress address) {
      return address instanceof InetSocketAddress ? ((InetSocketAddress) address).getAddress() : null;
    }
  }

  private static ThreadFactory threads(Endpoint listen) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "gtfc-peer-" + listen.port() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static void stopQuietly(SshServer sshd) {
    try {
      sshd.stop(true);
    } catch (IOException e) {
      LOG.debug("stopping a server that did not start", e);
    }
  }

  /** A listening server; closing lets running commands finish (a push being integrated), then stops. */
  private static final class Started implements Running {
    private final SshServer sshd;
    private final ExecutorService pool;
    private final Endpoint address;

    Started(SshServer sshd, ExecutorService pool, Endpoint address) {
      this.sshd = sshd;
      this.pool = pool;
      this.address = address;
    }

    @Override
    public Endpoint address() {
      return address;
    }

    @Override
    public void close() {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("peer commands still running after {}s: stopping them", STOP_GRACE.toSeconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      pool.shutdownNow();
      stopQuietly(sshd);
      LOG.info("stopped serving on {}", address);
    }
  }
}
