package io.gtfc.ssh;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.sshd.SshdSession;
import org.eclipse.jgit.util.FS;

/**
 * The SSH connection this node keeps open to each peer, so that a push or a fetch opens one
 * channel on it instead of a new connection with its key exchange and sign-in (which costs more
 * than the git exchange itself). A connection is made on first use, checked against the host key
 * the member list pins at that moment, replaced when the peer's endpoint or pinned key changes,
 * dropped when the peer closes it, and closed here after {@link #IDLE} without use.
 *
 * <p>Threading: safe for concurrent use; a push and a fetch to one peer share its connection on
 * separate channels.
 */
final class PeerConnections {
  /** Shorter than the server's idle timeout, so a connection is closed here rather than under a push. */
  static final Duration IDLE = Duration.ofMinutes(5);

  private final Path home;
  private final Map<NodeId, Connection> connections = new HashMap<>();
  private ScheduledExecutorService janitor;

  PeerConnections(Path home) {
    this.home = home;
  }

  /** The connection to {@code peer}: the kept one if it still matches the member entry, else a new one (not yet connected). */
  synchronized Connection to(Member peer, Supplier<KeyPair> identity) {
    Connection kept = connections.get(peer.id());
    if (kept != null && kept.peer.endpoint().equals(peer.endpoint()) && kept.peer.hostKey().equals(peer.hostKey())) {
      return kept;
    }
    if (kept != null) {
      kept.close();
    }
    Connection fresh = new Connection(peer, identity.get());
    connections.put(peer.id(), fresh);
    if (janitor == null) {
      janitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gtfc-ssh-idle");
        t.setDaemon(true);
        return t;
      });
      long every = IDLE.toMillis() / 5;
      janitor.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }
    return fresh;
  }

  private synchronized void closeIdle() {
    long now = System.nanoTime();
    connections.values().forEach(c -> c.closeIfIdleSince(now - IDLE.toNanos()));
  }

  /**
   * One peer's connection as JGit's session factory for a transport: it hands out the open session
   * (connecting when there is none) and keeps it when the transport is done with it.
   */
  final class Connection extends SshSessionFactory {
    final Member peer;
    private final KeyPair identity;
    private PinnedSsh ssh;
    private SshdSession session;
    private int users;
    private long lastUsed = System.nanoTime();

    private Connection(Member peer, KeyPair identity) {
      this.peer = peer;
      this.identity = identity;
    }

    /** Whether a session is open: an exchange on it may fail only because the peer closed it meanwhile. */
    synchronized boolean open() {
      return session != null;
    }

    /** The host-key check of the current (or last) connection attempt. */
    synchronized PinnedHostKey hostKey() {
      return ssh == null ? new PinnedHostKey(peer.hostKey()) : ssh.hostKey();
    }

    /** Applies this connection and the timeouts to a transport about to be opened. */
    void configure(org.eclipse.jgit.transport.Transport transport) {
      ((org.eclipse.jgit.transport.SshTransport) transport).setSshSessionFactory(this);
      transport.setTimeout((int) PinnedSsh.READ_TIMEOUT.toSeconds());
    }

    @Override
    public synchronized RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeout)
        throws TransportException {
      if (session == null) {
        closeSsh();
        ssh = new PinnedSsh(home, identity, new PinnedHostKey(peer.hostKey()));
        SshdSession opened = ssh.factory().getSession(uri, credentials, fs, timeout);
        opened.addCloseListener(this::closed);
        session = opened;
      }
      users++;
      lastUsed = System.nanoTime();
      return session;
    }

    @Override
    public synchronized void releaseSession(RemoteSession released) {
      users = Math.max(0, users - 1);
      lastUsed = System.nanoTime();
    }

    @Override
    public String getType() {
      return "gtfc-kept";
    }

    /** After a failed exchange: the next one starts on a new connection. */
    void discard() {
      SshdSession s;
      synchronized (this) {
        s = session;
        session = null;
      }
      if (s != null) {
        s.disconnect(); // outside the lock: MINA calls closed() from its own thread
      }
    }

    private synchronized void closed(SshdSession s) {
      if (session == s) {
        session = null;
      }
    }

    private void closeIfIdleSince(long since) {
      synchronized (this) {
        if (session == null || users > 0 || lastUsed - since >= 0) {
          return;
        }
      }
      close();
    }

    void close() {
      discard();
      PinnedSsh old;
      synchronized (this) {
        old = ssh;
        ssh = null;
      }
      if (old != null) {
        old.close();
      }
    }

    private void closeSsh() {
      if (ssh != null) {
        ssh.close();
        ssh = null;
      }
    }
  }
}
