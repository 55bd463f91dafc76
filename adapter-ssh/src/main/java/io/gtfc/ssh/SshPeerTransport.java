package io.gtfc.ssh;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.domain.Revision;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Progress;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Refs;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.NotSupportedException;
import org.eclipse.jgit.errors.RemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PackLock;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes to and fetches from peers with git over SSH (JGit's MINA-based client), signing in with
 * the node's {@code id_ed25519} and trusting only the host key the member list pins for each
 * peer; joins through a plain MINA client checked against the token's host-key fingerprint, and
 * asks an admin to remove this node through one pinned to the admin's host key. Pushes and fetches
 * reuse one kept connection per peer ({@link PeerConnections}); probes, joins and leaves connect
 * afresh. A push packs what its commits changed ({@link ChangedObjectsPush}), not what JGit's push
 * would find by walking all the peer has.
 */
public final class SshPeerTransport implements PeerTransport {
  static final String PEER_PATH = "/gtfc";
  private static final Logger LOG = LoggerFactory.getLogger(SshPeerTransport.class);

  private final Path home;
  private final Progress progress;
  private final PeerConnections connections;

  public SshPeerTransport(Path home) {
    this(home, Progress.NONE);
  }

  /** Reports the objects sent and received (a join's copy, a big push) to {@code progress}. */
  public SshPeerTransport(Path home, Progress progress) {
    this.home = home.toAbsolutePath().normalize();
    this.progress = progress;
    this.connections = new PeerConnections(this.home);
  }

  @Override
  public PeerResult push(FolderLayout local, NodeId self, Member peer) {
    return pushRef(local, peer, Refs.MAIN, Refs.inbox(self));
  }

  /** Pushes {@code localRef} into {@code remoteRef} (forced); package-private so tests can try refs the protocol never uses. */
  PeerResult pushRef(FolderLayout local, Member peer, String localRef, String remoteRef) {
    try (Repository repo = open(local)) {
      if (repo.exactRef(localRef) == null) {
        return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "this node has no commit yet");
      }
      return overKeptConnection(peer, connection -> {
        try (Transport transport = Transport.open(repo, uriOf(peer))) {
          connection.configure(transport);
          RemoteSession session = connection.getSession(transport.getURI(), null, FS.DETECTED,
              transport.getTimeout() * 1000);
          try (ChangedObjectsPush push = new ChangedObjectsPush((PackTransport) transport, session)) {
            RemoteRefUpdate.Status status = push.push(new JGitProgress(progress, "to " + peer.id()),
                repo.exactRef(localRef).getObjectId(), remoteRef, pushPacks(repo));
            return pushed(peer, status, push.refusal(), push.getMessages());
          } catch (TransportException e) {
            throw e;
          } catch (IOException e) {
            throw new TransportException(transport.getURI(), e.getMessage(), e);
          } finally {
            connection.releaseSession(session);
          }
        } catch (TransportException e) {
          return failure(peer, connection.hostKey(), e);
        }
      });
    } catch (IOException e) {
      return PeerResult.of(peer.id(), PeerOutcome.FAILED, oneLine(e.getMessage()));
    }
  }

  @Override
  public PeerResult fetch(FolderLayout local, Member peer) {
    try (Repository repo = open(local)) {
      return overKeptConnection(peer, connection -> fetchOver(connection, repo, peer));
    } catch (IOException e) {
      return PeerResult.of(peer.id(), PeerOutcome.FAILED, oneLine(e.getMessage()));
    }
  }

  private PeerResult fetchOver(PeerConnections.Connection connection, Repository repo, Member peer)
      throws IOException {
    String inbox = Refs.inbox(peer.id());
    ObjectId head;
    try (Transport transport = Transport.open(repo, uriOf(peer))) {
      connection.configure(transport);
      try (FetchConnection fetch = transport.openFetch()) {
        Ref main = fetch.getRef(Refs.MAIN);
        if (main == null) {
          return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, peer.id() + " has no commit yet");
        }
        head = main.getObjectId();
        Ref mirrored = repo.exactRef(inbox);
        if (mirrored != null && head.equals(mirrored.getObjectId())) {
          return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "");
        }
        if (!repo.getObjectDatabase().has(head)) {
          fetch.fetch(new JGitProgress(progress, "from " + peer.id()), List.of(main), Set.of());
          for (PackLock lock : fetch.getPackLocks()) {
            lock.unlock();
          }
        }
      }
    } catch (TransportException e) {
      return failure(peer, connection.hostKey(), e);
    }
    RefUpdate.Result result = mirror(repo, inbox, head, peer);
    if (result == RefUpdate.Result.LOCK_FAILURE && StaleRefLock.removeIfStale(repo, inbox)) {
      result = mirror(repo, inbox, head, peer);
    }
    switch (result) {
      case NEW:
      case FORCED:
      case FAST_FORWARD:
        return PeerResult.of(peer.id(), PeerOutcome.FETCHED, "");
      case NO_CHANGE:
        return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "");
      default:
        return PeerResult.of(peer.id(), PeerOutcome.FAILED, "could not update " + inbox + ": " + result);
    }
  }

  private static RefUpdate.Result mirror(Repository repo, String inbox, ObjectId head, Member peer)
      throws IOException {
    RefUpdate update = repo.updateRef(inbox);
    update.setNewObjectId(head);
    update.setForceUpdate(true);
    update.setRefLogMessage("gtfc fetch from " + peer.id(), false);
    return update.update();
  }

  /**
   * Packs for peers on the same network: no delta search (for a burst of thousands of new files it
   * costs seconds of CPU to save bytes a LAN carries in milliseconds) and the fastest compression.
   * Objects already stored as deltas or in packs are sent as they are.
   */
  private static PackConfig pushPacks(Repository repo) {
    PackConfig config = new PackConfig(repo);
    config.setDeltaCompress(false);
    config.setCompressionLevel(Deflater.BEST_SPEED);
    return config;
  }

  /** One git exchange with a peer over a connection. */
  @FunctionalInterface
  private interface Exchange {
    PeerResult over(PeerConnections.Connection connection) throws IOException;
  }

  /**
   * Runs an exchange on the connection kept to {@code peer}. If it fails on a connection that was
   * already open (the peer may have restarted or closed it meanwhile), it runs once more on a new
   * one; a connection whose exchange failed is not kept.
   */
  private PeerResult overKeptConnection(Member peer, Exchange exchange) throws IOException {
    PeerConnections.Connection connection = connections.to(peer, this::identity);
    boolean reused = connection.open();
    PeerResult result = exchange.over(connection);
    if (failed(result) && reused) {
      LOG.debug("{}: the kept connection failed ({}); trying a new one", peer.id(), result.detail());
      connection.discard();
      result = exchange.over(connection);
    }
    if (failed(result)) {
      connection.discard();
    }
    return result;
  }

  private static boolean failed(PeerResult result) {
    return result.outcome() == PeerOutcome.FAILED || result.outcome() == PeerOutcome.UNREACHABLE;
  }

  @Override
  public PeerProbe probe(Member peer, Duration timeout) {
    KeyPair identity = identity();
    // connecting is bounded by PinnedSsh.CONNECT_TIMEOUT, waiting for the answer by the timeout
    try (PinnedSsh ssh = new PinnedSsh(home, identity, new PinnedHostKey(peer.hostKey()))) {
      try (Transport transport = Transport.open(uriOf(peer))) {
        ssh.configure(transport);
        transport.setTimeout((int) Math.max(1, timeout.toSeconds()));
        try (FetchConnection connection = transport.openFetch()) {
          Ref main = connection.getRef(Refs.MAIN);
          return PeerProbe.answered(peer.id(),
              Optional.ofNullable(main).map(Ref::getObjectId).map(id -> Revision.of(id.name())));
        }
      } catch (TransportException e) {
        PeerResult failed = failure(peer, ssh.hostKey(), e);
        return PeerProbe.failed(peer.id(), failed.outcome(), failed.detail());
      }
    } catch (NotSupportedException | RuntimeException e) {
      LOG.debug("probing {} failed", peer.id(), e);
      return PeerProbe.failed(peer.id(), PeerOutcome.FAILED, oneLine(e.getMessage()));
    }
  }

  @Override
  public JoinAnswer join(Invitation invitation, JoinRequest request) {
    return new JoinCall(invitation).ask(request);
  }

  @Override
  public JoinAnswer joinVouched(Endpoint at, Fingerprint hostKey, Path agentSocket, JoinRequest request) {
    return new JoinCall(at, hostKey, agentSocket).ask(request);
  }

  @Override
  public SshPublicKey presentedHostKey(Endpoint at) {
    return JoinCall.presentedHostKey(at);
  }

  @Override
  public PeerResult leave(Member admin) {
    return new LeaveCall(identity(), admin).ask();
  }

  private static PeerResult pushed(Member peer, RemoteRefUpdate.Status status, String refusal, String messages) {
    String remoteMessage = !refusal.isEmpty() ? refusal : oneLine(messages);
    switch (status) {
      case OK:
        return PeerResult.of(peer.id(), PeerOutcome.PUSHED, "");
      case UP_TO_DATE:
        return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "");
      case REJECTED_OTHER_REASON:
        if (remoteMessage.equals("failed to lock")) {
          // the peer was writing the same ref itself (fetching from us): not a refusal, try again
          return PeerResult.of(peer.id(), PeerOutcome.FAILED, peer.id() + " was busy updating what it has of ours");
        }
        return PeerResult.of(peer.id(), PeerOutcome.REFUSED, remoteMessage);
      default:
        return PeerResult.of(peer.id(), PeerOutcome.FAILED,
            "the push ended as " + status + (remoteMessage.isEmpty() ? "" : ": " + remoteMessage));
    }
  }

  /** Sorts a failed exchange: could not connect, refused at the door, refused by git, or broken. */
  static PeerResult failure(Member peer, PinnedHostKey hostKey, TransportException e) {
    String where = peer.id() + " at " + peer.endpoint();
    if (hostKey.mismatched()) {
      return PeerResult.of(peer.id(), PeerOutcome.REFUSED,
          where + " presented host key " + hostKey.presented().orElseThrow().fingerprint()
              + " but the member list pins " + hostKey.pinned().fingerprint()
              + ": it is another machine, or its key changed; refusing to talk to it");
    }
    if (hostKey.presented().isEmpty()) {
      LOG.debug("cannot reach {}", where, e);
      return PeerResult.of(peer.id(), PeerOutcome.UNREACHABLE, "cannot reach " + where + ": " + SshFailures.rootMessage(e));
    }
    if (SshFailures.authenticationFailed(e)) {
      return PeerResult.of(peer.id(), PeerOutcome.REFUSED,
          where + " does not accept this node's key: it does not list this node as a member (yet)");
    }
    if (e instanceof RemoteRepositoryException || e instanceof NoRemoteRepositoryException) {
      return PeerResult.of(peer.id(), PeerOutcome.REFUSED, withoutUri(e));
    }
    LOG.debug("exchange with {} failed", where, e);
    return PeerResult.of(peer.id(), PeerOutcome.FAILED, withoutUri(e));
  }

  private static String withoutUri(TransportException e) {
    String message = String.valueOf(e.getMessage());
    int colon = message.indexOf(PEER_PATH + ": ");
    return oneLine(message.startsWith("ssh://") && colon > 0
        ? message.substring(colon + PEER_PATH.length() + 2)
        : message);
  }

  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        return line.trim();
      }
    }
    return "";
  }

  /**
   * {@code ssh://gtfc@HOST:PORT/gtfc} for a peer's embedded server; for a node in OpenSSH mode, its
   * sshd account instead of {@code gtfc} (its forced command serves the folder whatever the path).
   */
  static URIish uriOf(Member peer) {
    String user = peer.endpoint().user().orElse(SessionAuth.MEMBER_USER);
    try {
      return new URIish("ssh://" + user + "@" + peer.endpoint().hostAndPort() + PEER_PATH);
    } catch (URISyntaxException e) {
      throw new GtfcException(Problem.BAD_STATE, "the address of " + peer.id() + " (" + peer.endpoint() + ") is not usable", e);
    }
  }

  private KeyPair identity() {
    Path file = MinaNodeKeys.identityFile(home);
    if (!Files.exists(file)) {
      throw new GtfcException(Problem.BAD_STATE,
          "this node has no identity key (" + file + "): run 'gtfc bootstrap' or 'gtfc join' first, or give the right --home");
    }
    return OpenSshKeys.read(file);
  }

  private static Repository open(FolderLayout local) {
    try {
      // bare: only refs and objects are touched here; the working tree belongs to the version store
      return new FileRepositoryBuilder()
          .setGitDir(local.gitDir().toFile())
          .setBare()
          .setMustExist(true)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "there is no git directory for " + local + " at " + local.gitDir() + ": is it a gtfc folder?", e);
    }
  }
}
