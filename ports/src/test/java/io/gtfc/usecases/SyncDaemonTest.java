package io.gtfc.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.CommitBatcher;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Processes;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.InMemoryInviteBook;
import io.gtfc.ports.fakes.InMemoryPeerNetwork;
import io.gtfc.ports.fakes.InMemorySyncJournal;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch daemon over the in-memory adapters: alpha runs it, beta joined but runs no daemon. */
class SyncDaemonTest {
  private static final Duration RETRY = Duration.ofMillis(100);
  private static final NodeId BETA = NodeId.of("beta");

  private final Clock clock = Clock.systemUTC();
  private final InMemoryPeerNetwork network = new InMemoryPeerNetwork();
  private final InMemoryVersionStores alphaDisk = new InMemoryVersionStores();
  private final FakeNodeKeys alphaKeys = new FakeNodeKeys("alpha");
  private final FolderLayout alpha = FolderLayout.of(Path.of("/fake/alpha/share"));
  private final InMemoryVersionStores betaDisk = new InMemoryVersionStores();
  private final FakeNodeKeys betaKeys = new FakeNodeKeys("beta");
  private final FolderLayout beta = FolderLayout.of(Path.of("/fake/beta/share"));
  private static final Endpoint BETA_AT = Endpoint.of("127.0.0.1", 7002);
  private final AtomicInteger pushesToBeta = new AtomicInteger();
  /** While non-zero and {@link #hangFetchesFromBeta} is set, a fetch from beta waits for it, as over a connection whose packets are dropped. */
  private final CountDownLatch fetchesFromBeta = new CountDownLatch(1);
  private final CountDownLatch fetchFromBetaHangs = new CountDownLatch(1);
  private volatile boolean hangFetchesFromBeta;
  private FolderWatcher.Listener watcher;
  private SyncDaemon daemon;

  @AfterEach
  void stop() {
    fetchesFromBeta.countDown();
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void aPeerThatIsDownHasOneRetryPendingHoweverManyPushesToItFailed() throws InterruptedException {
    startAlphaWithBetaDown(Duration.ofHours(1), RETRY);

    for (int i = 1; i <= 5; i++) {
      int pushesBefore = pushesToBeta.get();
      alphaDisk.writeInWorkingTree(alpha, RelativePath.of("f" + i + ".txt"), new byte[] {(byte) i});
      watcher.lost();
      awaitTrue(() -> pushesToBeta.get() > pushesBefore, "a push of commit " + i + " to beta");
    }
    int before = pushesToBeta.get();
    Thread.sleep(RETRY.multipliedBy(10).toMillis());
    int during = pushesToBeta.get() - before;

    // one retry every RETRY, whichever of the five failed pushes scheduled it (not five retries each time)
    assertThat(during).as("pushes to beta in 10 retry intervals").isBetween(1, 12);
  }

  @Test
  void aCatchUpWithAPeerThatHangsHoldsUpNoCommit() throws InterruptedException {
    startAlphaWithBetaDown(Duration.ofMillis(100), RETRY);
    commitAnEdit("before.txt");
    hangFetchesFromBeta = true;
    assertThat(fetchFromBetaHangs.await(10, TimeUnit.SECONDS)).as("a catch-up fetches from beta").isTrue();

    Optional<Revision> before = head();
    alphaDisk.writeInWorkingTree(alpha, RelativePath.of("during.txt"), new byte[] {1});
    watcher.lost();

    awaitTrue(() -> !head().equals(before), "alpha to commit its edit while the fetch from beta hangs");
  }

  @Test
  void aPeerThatComesBackAndSignsInGetsThePushAtOnceNotWhenItsRetryIsDue() throws InterruptedException {
    startAlphaWithBetaDown(Duration.ofHours(1), Duration.ofHours(1));
    commitAnEdit("while-beta-is-down.txt");
    awaitTrue(() -> pushesToBeta.get() > 0, "alpha to try beta once");
    int failedPushes = pushesToBeta.get();

    // beta comes back (its next retry is an hour away) and catches up with alpha, as a starting daemon does
    PeerServer.Running betaServer = network.server(betaDisk, betaKeys).start(PeerServer.Spec.builder()
        .listen(BETA_AT).folder(beta).self(BETA)
        .members(() -> {
          try (VersionStore store = betaDisk.open(beta)) {
            return Members.atHead(store);
          }
        })
        .joins(new PeerServer.JoinDesk() {
          @Override
          public boolean recognises(String secret) {
            return false;
          }

          @Override
          public JoinAnswer admit(String secret, JoinRequest request) {
            throw new AssertionError("beta admits nobody here");
          }
        })
        .listener((sender, head) -> { })
        .build());
    try {
      Member alphaMember;
      try (VersionStore store = betaDisk.open(beta)) {
        alphaMember = Members.atHead(store).member(NodeId.of("alpha")).orElseThrow();
      }
      network.transport(betaDisk, betaKeys).fetch(beta, alphaMember);

      awaitTrue(() -> pushesToBeta.get() > failedPushes, "alpha to push to beta again, an hour early");
    } finally {
      betaServer.close();
    }
  }

  private void commitAnEdit(String path) throws InterruptedException {
    Optional<Revision> before = head();
    alphaDisk.writeInWorkingTree(alpha, RelativePath.of(path), new byte[] {0});
    watcher.lost();
    awaitTrue(() -> !head().equals(before), "alpha to commit " + path);
  }

  private Optional<Revision> head() {
    try (VersionStore store = alphaDisk.open(alpha)) {
      return store.head();
    }
  }

  private void startAlphaWithBetaDown(Duration antiEntropy, Duration retry) {
    new BootstrapCluster(alphaDisk, alphaKeys, new FakeFolderProbe(alphaDisk), clock, new Random(1))
        .bootstrap(alpha.folder(), NodeId.of("alpha"), Endpoint.of("127.0.0.1", 7001));
    InMemoryInviteBook book = new InMemoryInviteBook();
    PeerTransport transport = counting(network.transport(alphaDisk, alphaKeys));
    FolderWatcher folderWatcher = (folder, ignored, listener) -> {
      watcher = listener;
      return () -> { };
    };
    Processes processes = new Processes() {
      @Override
      public long self() {
        return 1;
      }

      @Override
      public boolean alive(long pid, Instant seenAt) {
        return pid == 1;
      }
    };
    WatchFolder.Settings settings = new WatchFolder.Settings(CommitBatcher.Settings.DEFAULT, antiEntropy,
        retry, retry);
    daemon = new WatchFolder(alphaDisk, alphaKeys, folderWatcher, network.server(alphaDisk, alphaKeys), transport,
        new FakeFolderProbe(alphaDisk), book, SyncHooks.NONE, clock, settings, new InMemorySyncJournal(), processes)
        .start(alpha.folder(), Endpoint.of("127.0.0.1", 7001));

    Invitation invitation = new InviteMember(alphaDisk, alphaKeys, book, clock, new Random(2))
        .invite(alpha.folder(), Role.READ_WRITE, Duration.ofHours(1));
    new JoinCluster(betaDisk, betaKeys, network.transport(betaDisk, betaKeys), new FakeFolderProbe(betaDisk), clock)
        .join(invitation, beta.folder(), BETA, BETA_AT);
    // beta runs no daemon: nothing listens at its address, so every push to it is UNREACHABLE
    try (VersionStore store = alphaDisk.open(alpha)) {
      assertThat(Members.atHead(store).member(BETA)).isPresent();
    }
  }

  /** {@code real}, counting the pushes to beta. */
  private PeerTransport counting(PeerTransport real) {
    return new PeerTransport() {
      @Override
      public PeerResult push(FolderLayout local, NodeId self, Member peer) {
        if (peer.id().equals(BETA)) {
          pushesToBeta.incrementAndGet();
        }
        return real.push(local, self, peer);
      }

      @Override
      public PeerResult fetch(FolderLayout local, Member peer) {
        if (peer.id().equals(BETA) && hangFetchesFromBeta) {
          fetchFromBetaHangs.countDown();
          try {
            fetchesFromBeta.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return real.fetch(local, peer);
      }

      @Override
      public PeerProbe probe(Member peer, Duration timeout) {
        return real.probe(peer, timeout);
      }

      @Override
      public JoinAnswer join(Invitation invitation, JoinRequest request) {
        return real.join(invitation, request);
      }

      @Override
      public JoinAnswer joinVouched(Endpoint at, Fingerprint hostKey, Path agentSocket, JoinRequest request) {
        return real.joinVouched(at, hostKey, agentSocket, request);
      }

      @Override
      public SshPublicKey presentedHostKey(Endpoint at) {
        return real.presentedHostKey(at);
      }

      @Override
      public PeerResult leave(Member admin) {
        return real.leave(admin);
      }
    };
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
