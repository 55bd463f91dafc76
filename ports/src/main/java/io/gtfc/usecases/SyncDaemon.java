package io.gtfc.usecases;

import io.gtfc.domain.CommitBatcher;
import io.gtfc.domain.DeletionGuard;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Member;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.ImmutableDaemonState;
import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderLock;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Integration;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.PeerTransport;
import io.gtfc.ports.Problem;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.SyncJournal;
import io.gtfc.ports.VersionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code gtfc watch}. Every change to the folder's branch and working tree happens on
 * one thread (the folder's worker): batches of edits become commits there, incoming pushes are
 * integrated there. Network work runs beside it: each peer is pushed to whenever this node's head
 * is new to it, one push per peer at a time, retried with a growing delay while it is down.
 */
public final class SyncDaemon implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncDaemon.class);
  private static final Duration STOP_PUSH_WAIT = Duration.ofSeconds(10);
  private static final Duration GUARD_RECHECK = Duration.ofSeconds(10);
  static final Duration INDEX_WRITE_QUIET = Duration.ofSeconds(2);
  static final Duration INDEX_WRITE_LATEST = Duration.ofSeconds(30);

  private final NodeContext node;
  private final VersionStore store;
  private final NodeId self;
  private final PeerTransport transport;
  private final FolderProbe probe;
  private final Clock clock;
  private final SyncJournal journal;
  private final ImmutableDaemonState.Builder records;
  private final WatchFolder.Settings settings;
  private final CommitBatcher batcher;
  private final IntegrateChanges integrator;
  private final IntegrateChanges scanningIntegrator;
  private final ScheduledExecutorService worker;
  private final ScheduledExecutorService catchUps;
  private final ExecutorService network;
  private final ExecutorService hookThread;
  private final Map<NodeId, PeerState> peers = new ConcurrentHashMap<>();
  private volatile Membership membership;
  private final PeerServer.Members members;
  private volatile String lastAction = "started";
  private volatile boolean stopping;
  private boolean guardTripped;
  private final DeletionGuard.Recent recentDeletions = new DeletionGuard.Recent();
  /** When a batch of many deletions, held back for the rest of them, is looked at again; null when none waits. */
  private Instant manyDeletionsSettle;
  private PeerServer.Running server;
  private FolderWatcher.Watch watch;
  private ScheduledFuture<?> pendingDecision;
  /** The write of the index once the folder is quiet; see {@link #writeCachesWhenQuiet}. */
  private ScheduledFuture<?> pendingIndexWrite;
  private Instant indexUnwrittenSince;

  private boolean warnedAboutMemberEdits;

  // What 'gtfc status' may trust (DaemonState.upToDate). The three below are the folder thread's.
  /** Whether the whole working tree was committed (as far as the guard let it) since the start. */
  private boolean lookedAtEverything;
  /** An edit of .gtfc/ by hand was left uncommitted, and the working tree may still hold it. */
  private boolean memberEditsLeft;
  /** A batch failed to commit: its paths may be pending, unknown to the batcher, until everything is looked at again. */
  private boolean lostTrack;
  /** Whether the watcher runs and reports at once; false for good once it failed. */
  private volatile boolean watching;
  /** Reports (and losses) the watcher handed over that the folder's thread has not taken in yet. */
  private final AtomicInteger untaken = new AtomicInteger();
  /** What the record says; guarded by {@link #records}. */
  private boolean upToDate;

  private SyncDaemon(NodeContext node, PeerTransport transport, FolderProbe probe, SyncHooks hooks, Clock clock,
      WatchFolder.Settings settings, SyncJournal journal, long pid) {
    this.journal = journal;
    this.records = DaemonState.builder().pid(pid).mode("watch").started(clock.instant());
    this.node = node;
    this.probe = probe;
    this.store = node.store;
    this.self = node.self.id();
    this.transport = transport;
    this.clock = clock;
    this.settings = settings;
    this.batcher = new CommitBatcher(settings.batching());
    this.membership = node.membership;
    this.members = Members.cachedAtHead(node.store);
    this.worker = Executors.newSingleThreadScheduledExecutor(named("gtfc-sync-" + self));
    this.catchUps = Executors.newSingleThreadScheduledExecutor(named("gtfc-catchup-" + self));
    this.network = Executors.newFixedThreadPool(4, named("gtfc-net-" + self));
    this.hookThread = Executors.newSingleThreadExecutor(named("gtfc-hook-" + self));
    // the watcher and the batcher commit this node's edits: integrating needs no scan for them first
    this.integrator = new IntegrateChanges(store, self, clock, probe, hooks, hookThread,
        IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY);
    this.scanningIntegrator = new IntegrateChanges(store, self, clock, probe, hooks, hookThread,
        IntegrateChanges.OwnEdits.COMMIT_FIRST);
  }

  static SyncDaemon start(NodeContext node, NodeKeys keys, FolderWatcher watcher, PeerServer server,
      PeerTransport transport, FolderProbe probe, InviteBook book, SyncHooks hooks, Clock clock,
      WatchFolder.Settings settings, Endpoint listen, SyncJournal journal, long pid) {
    SyncDaemon daemon = new SyncDaemon(node, transport, probe, hooks, clock, settings, journal, pid);
    try {
      AdmitMember admit = new AdmitMember(node.store, daemon.self, keys, book, transport, clock, probe);
      daemon.server = server.start(PeerServer.Spec.builder()
          .listen(listen)
          .folder(node.store.layout())
          .self(daemon.self)
          .members(daemon.members)
          .joins(admit)
          .vouchedJoins(new AdmitVouchedMember(node.store, daemon.self, book, admit, clock))
          .leaves(RemoveMember.desk(node.store, daemon.self, keys, transport, clock, probe))
          .listener(daemon::received)
          .arrivals(daemon::signedIn)
          .build());
      daemon.records.address(daemon.server.address());
      daemon.did("started");
      daemon.watch = watcher.watch(node.store.layout().folder(), SyncDaemon::ignored, daemon.new Changes());
      daemon.watching = watcher.reportsAtOnce();
      daemon.catchUp(true);
      daemon.catchUps.scheduleWithFixedDelay(daemon::catchUpNow, settings.antiEntropy().toMillis(),
          settings.antiEntropy().toMillis(), TimeUnit.MILLISECONDS);
      return daemon;
    } catch (RuntimeException e) {
      daemon.shutDown();
      if (daemon.server != null) {
        daemon.lastAction = "could not start: " + e.getMessage();
        daemon.record(false);
      }
      throw e;
    }
  }

  /** Our own temporary files while a file is replaced atomically. */
  private static boolean ignored(RelativePath path) {
    return path.fileName().endsWith(".gtfc-tmp");
  }

  public Endpoint address() {
    return server.address();
  }

  /** One line saying what the daemon did last. */
  public String lastAction() {
    return lastAction;
  }

  /**
   * Stops watching, commits and pushes whatever is pending (waiting a few seconds for peers),
   * then stops serving. Nothing edited before this call is lost: it is committed here at least.
   */
  @Override
  public void close() {
    stopping = true;
    notUpToDate();
    if (watch != null) {
      watch.close();
    }
    try {
      onWorker(() -> {
        commitEverything("gtfc: changes on " + self + " before stopping", "before stopping");
        return null;
      });
      for (Member peer : membership.peersOf(self)) {
        network.execute(() -> pushIfNew(peer));
      }
      network.shutdown();
      if (!network.awaitTermination(STOP_PUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("some last pushes did not finish within {} s of stopping", STOP_PUSH_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      shutDown();
      lastAction = "stopped at " + clock.instant().truncatedTo(ChronoUnit.SECONDS);
      record(false);
    }
  }

  private void shutDown() {
    if (server != null) {
      server.close();
    }
    if (watch != null) {
      watch.close();
    }
    catchUps.shutdownNow();
    worker.shutdownNow();
    network.shutdownNow();
    hookThread.shutdown();
    node.close();
  }

  /** An accepted push: integrate it on the folder's thread before the pusher is answered. */
  private void received(NodeId sender, Revision head) {
    state(sender).knownAt(head);
    if (worker.isShutdown()) {
      throw new GtfcException(Problem.UNREACHABLE, "this node is stopping: it will catch up when it starts again");
    }
    try {
      Integration result = onWorker(() -> {
        Integration integrated = integrator().integrate(sender);
        if (integrated.outcome() != Integration.Outcome.REFUSED && integrated.outcome() != Integration.Outcome.HELD) {
          journal.synced(store.layout(), sender, clock.instant(), Optional.of(head));
        }
        did("integrated " + integrated.outcome() + " from " + sender);
        if (integrated.moved() && sentByItsAuthor(integrated, head)) {
          refreshMembers();
        } else if (integrated.moved()) {
          headChanged();
        }
        if (integrated.moved()) {
          writeCachesWhenQuiet();
        }
        return integrated;
      });
      ServePeers.refuseIfRefused(result);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A peer signed in to this node, so it is up: if pushes to it have been failing, push now rather
   * than when the growing delay runs out (up to the longest retry delay after the peer came back).
   */
  private void signedIn(NodeId peer) {
    PeerState s = state(peer);
    boolean wasFailing;
    synchronized (s) {
      wasFailing = s.failures > 0;
      s.failures = 0;
    }
    if (wasFailing && !stopping) {
      LOG.debug("{} signed in after failed pushes: pushing now", peer);
      schedulePush(peer);
    }
  }

  /** The periodic catch-up: one that fails is logged, and the next one comes as usual. */
  private void catchUpNow() {
    try {
      catchUp(false);
    } catch (RuntimeException e) {
      if (!stopping) {
        LOG.warn("catching up with the peers failed: {}", e.toString());
      }
    }
  }

  /**
   * Fetches from every peer, integrates what came, and pushes where this head is new. The fetches
   * are waited for on the calling thread, never on the folder's: a peer whose connection hangs
   * (cut off, its packets dropped) holds up this catch-up only, not the commits and integrations.
   */
  private void catchUp(boolean scanLocal) {
    if (stopping) {
      return;
    }
    List<Member> others = membership.peersOf(self);
    // a read-only member's changes are never taken in, whichever way they would arrive
    List<Member> sources = others.stream().filter(p -> p.role().mayPush()).toList();
    List<Future<PeerResult>> fetches = new ArrayList<>();
    for (Member peer : sources) {
      fetches.add(network.submit(() -> transport.fetch(store.layout(), peer)));
    }
    List<PeerResult> results = new ArrayList<>();
    fetches.forEach(f -> results.add(get(f)));
    Callable<Void> integrate = () -> {
      if (scanLocal) {
        commitEverything("gtfc: changes on " + self + " while gtfc was not watching", "changes made while not watching");
        noteWhetherUpToDate();
      }
      boolean changed = false;
      for (int i = 0; i < sources.size(); i++) {
        PeerResult fetched = results.get(i);
        if (fetched != null && fetched.succeeded()) {
          Member peer = sources.get(i);
          Optional<Revision> theirs = Optional.ofNullable(store.inbox().get(peer.id()));
          journal.synced(store.layout(), peer.id(), clock.instant(), theirs);
          theirs.ifPresent(h -> state(peer.id()).knownAt(h));
          Integration result = integrator().integrate(peer.id());
          changed |= result.moved();
        }
      }
      if (changed) {
        writeCachesWhenQuiet();
      }
      if (changed || scanLocal) {
        headChanged();
      } else {
        others.forEach(p -> schedulePush(p.id()));
      }
      return null;
    };
    if (Thread.currentThread().getName().startsWith("gtfc-sync-")) {
      call(integrate);
    } else {
      try {
        onWorker(integrate);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether this node's branch is now exactly the head a peer pushed: that peer pushes it to every
   * other peer itself (and retries those it cannot reach), so passing it on at once would send each
   * change twice more in a cluster of three and slow down the pushes that matter. Should the sender
   * stop before it reached everyone, the periodic catch-up passes it on. A merge made here is new
   * to everyone and is always pushed.
   */
  private static boolean sentByItsAuthor(Integration integrated, Revision pushed) {
    return integrated.outcome() == Integration.Outcome.FAST_FORWARD && integrated.head().equals(Optional.of(pushed));
  }

  /** The branch moved: refresh the member list and tell every peer that lacks the new head. */
  private void headChanged() {
    refreshMembers();
    for (Member peer : membership.peersOf(self)) {
      schedulePush(peer.id());
    }
  }

  private void refreshMembers() {
    try {
      membership = members.current();
    } catch (GtfcException e) {
      LOG.warn("keeping the previous member list: {}", e.getMessage());
    }
  }

  private void schedulePush(NodeId peer) {
    if (network.isShutdown()) {
      return;
    }
    PeerState s = state(peer);
    synchronized (s) {
      if (s.inFlight) {
        s.again = true;
        return;
      }
      s.inFlight = true;
    }
    network.execute(() -> {
      try {
        membership.member(peer).ifPresent(this::pushIfNew);
      } finally {
        boolean again;
        synchronized (s) {
          s.inFlight = false;
          again = s.again;
          s.again = false;
        }
        if (again && !stopping) {
          schedulePush(peer);
        }
      }
    });
  }

  /** Pushes this node's head to {@code peer} unless the peer is known to have it. */
  private PeerResult pushIfNew(Member peer) {
    PeerState s = state(peer.id());
    Optional<Revision> head = store.head();
    if (head.isEmpty() || s.has(head.get(), store)) {
      return PeerResult.of(peer.id(), PeerOutcome.UP_TO_DATE, "");
    }
    PeerResult result = transport.push(store.layout(), self, peer);
    if (result.succeeded()) {
      s.knownAt(head.get());
      synchronized (s) {
        s.failures = 0;
      }
      journal.synced(store.layout(), peer.id(), clock.instant(), head);
      did("pushed " + head.get().abbreviated() + " to " + peer.id());
    } else if (!stopping) {
      retryLater(peer, s, result);
    }
    return result;
  }

  /**
   * Schedules the next push to a peer that failed, unless one is already scheduled: while a peer
   * is down, every commit's push fails, and one retry per failure would multiply the attempts.
   */
  private void retryLater(Member peer, PeerState s, PeerResult failed) {
    Duration delay;
    synchronized (s) {
      s.failures++;
      if (s.retryPending) {
        LOG.debug("{} {}: {}; a retry is already scheduled", peer.id(), failed.outcome(), failed.detail());
        return;
      }
      s.retryPending = true;
      delay = backoff(s.failures);
    }
    LOG.info("{} {}: {}; trying again in {} ms", peer.id(), failed.outcome(), failed.detail(), delay.toMillis());
    worker.schedule(() -> {
      synchronized (s) {
        s.retryPending = false;
      }
      schedulePush(peer.id());
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Duration backoff(int failures) {
    long first = settings.firstRetry().toMillis();
    long delay = first << Math.min(failures - 1, 16);
    return Duration.ofMillis(Math.min(delay, settings.maxRetry().toMillis()));
  }

  private void decide() {
    try {
      decideNow();
    } catch (RuntimeException e) {
      lostTrack = true;
      throw e;
    } finally {
      noteWhetherUpToDate();
    }
  }

  private void decideNow() {
    CommitBatcher.Decision d = batcher.decide(clock.instant());
    List<RelativePath> paths = LocalEdits.withoutMemberFiles(d.commit());
    List<RelativePath> memberEdits = LocalEdits.memberFiles(d.commit());
    Optional<Instant> again = d.askAgainAt();
    if (!paths.isEmpty() || d.everything() || !memberEdits.isEmpty()) {
      try (FolderLock lock = store.lock()) {
        if (!memberEdits.isEmpty()) {
          memberEditsLeft = memberListDiffersFromHead();
          if (memberEditsLeft) {
            warnAboutMemberEdits(memberEdits);
          }
        }
        if (!paths.isEmpty() || d.everything()) {
          Optional<Instant> held = commitGuarded(d.everything(), paths);
          if (held.isPresent()) {
            again = Optional.of(again.filter(a -> a.isBefore(held.get())).orElse(held.get()));
          }
        }
      }
    }
    if (pendingDecision != null) {
      pendingDecision.cancel(false);
      pendingDecision = null;
    }
    again.ifPresent(at -> {
      long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
      pendingDecision = worker.schedule(this::decide, delay, TimeUnit.MILLISECONDS);
    });
    if (!paths.isEmpty() || d.everything()) {
      writeCachesWhenQuiet();
    }
  }

  /**
   * Writes the index that commits and integrations leave in memory once the folder has been quiet
   * for {@link #INDEX_WRITE_QUIET} (or {@link #INDEX_WRITE_LATEST} after the first change it has
   * not written, in a folder that never goes quiet): in a folder of 100,000 files it is 9 MB,
   * read, written and checksummed whole, which would otherwise take the CPU from the change still on its
   * way to the other peers. It is a cache of the working files for git's status: gtfc commands in
   * other processes tell a stale one from an edit, and closing the store writes it. On the
   * folder's thread.
   */
  private void writeCachesWhenQuiet() {
    if (pendingIndexWrite != null) {
      pendingIndexWrite.cancel(false);
    }
    Instant now = clock.instant();
    if (indexUnwrittenSince == null) {
      indexUnwrittenSince = now;
    }
    long latest = Duration.between(now, indexUnwrittenSince.plus(INDEX_WRITE_LATEST)).toMillis();
    long delay = Math.max(0, Math.min(INDEX_WRITE_QUIET.toMillis(), latest));
    try {
      pendingIndexWrite = worker.schedule(this::writeCaches, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("stopping: the index is written when the store closes");
    }
  }

  /** Writes the index a commit or an integration left in memory; on the folder's thread. */
  private void writeCaches() {
    indexUnwrittenSince = null;
    try {
      store.writeCaches();
    } catch (GtfcException e) {
      LOG.warn("the index was not written: {}; the files will be looked at again", e.getMessage());
    }
  }

  /**
   * The use case that integrates a peer's changes: one that does not look for this node's pending
   * edits (the batcher commits them), except while the deletion guard holds some back; then one
   * that looks at them all first, so that the guard holds the integration too. On the folder's thread.
   */
  private IntegrateChanges integrator() {
    return guardTripped ? scanningIntegrator : integrator;
  }

  /**
   * Commits {@code paths} (or every pending change) unless the deletion guard refuses, judging
   * the batch together with the deletions committed just before it; the caller holds the lock.
   * A batch of many deletions first waits a moment for the rest of them: then it is handed back
   * to the batcher, and the time to look again is returned.
   */
  private Optional<Instant> commitGuarded(boolean everything, List<RelativePath> paths) {
    Instant now = clock.instant();
    DeletionGuard.Observation seen = DeletionCheck.observe(probe, store, everything ? null : paths);
    if (!everything && DeletionGuard.Recent.worthWaitingFor(seen.deleted()) && DeletionGuard.refusal(seen).isEmpty()) {
      if (manyDeletionsSettle == null) {
        manyDeletionsSettle = now.plus(DeletionGuard.Recent.SETTLE);
      }
      if (now.isBefore(manyDeletionsSettle)) {
        paths.forEach(p -> batcher.changed(p, false, now));
        return Optional.of(manyDeletionsSettle);
      }
    }
    manyDeletionsSettle = null;
    Optional<String> refusal = DeletionGuard.refusal(recentDeletions.judge(seen, now));
    if (refusal.isPresent()) {
      refuse(refusal.get());
    } else {
      guardTripped = false;
      commit(everything
          ? LocalEdits.commit(store, spec("gtfc: changes on " + self))
          : store.commitPathsFirst(paths, spec(message(paths))), paths.size() + " path(s)");
      recentDeletions.committed(seen, now);
      if (everything) {
        lookedAtEverything();
      }
    }
    return Optional.empty();
  }

  /** Commits every pending change (but edits of .gtfc/), unless the deletion guard refuses. */
  private void commitEverything(String message, String what) {
    try (FolderLock lock = store.lock()) {
      Instant now = clock.instant();
      DeletionGuard.Observation seen = DeletionCheck.observe(probe, store, null);
      Optional<String> refusal = DeletionGuard.refusal(recentDeletions.judge(seen, now));
      if (refusal.isPresent()) {
        refuse(refusal.get());
      } else {
        commit(LocalEdits.commit(store, spec(message)), what);
        recentDeletions.committed(seen, now);
        lookedAtEverything();
      }
    }
  }

  /** Every pending change but the edits of .gtfc/ was just committed; the caller holds the lock. */
  private void lookedAtEverything() {
    lookedAtEverything = true;
    lostTrack = false;
    try {
      memberEditsLeft = memberListDiffersFromHead();
    } catch (RuntimeException e) {
      memberEditsLeft = true; // not known: then 'gtfc status' looks for itself
      LOG.debug("cannot compare .gtfc/ with the head: {}", e.toString());
    }
  }

  /**
   * Records whether every edit seen is committed, when that changed; on the folder's thread, after
   * each decision. The watcher's thread records the opposite as it hands a change over.
   */
  private void noteWhetherUpToDate() {
    synchronized (records) {
      boolean now = watching && !stopping && lookedAtEverything && !lostTrack && !guardTripped && !memberEditsLeft
          && manyDeletionsSettle == null && untaken.get() == 0 && batcher.idle();
      if (now != upToDate) {
        upToDate = now;
        record(true);
      }
    }
  }

  /** A change is on its way to the folder's thread: the record must not say up to date any more. */
  private void notUpToDate() {
    synchronized (records) {
      if (upToDate) {
        upToDate = false;
        record(true);
      }
    }
  }

  /**
   * Whether {@code .gtfc/} in the working tree differs from the head: not so when the writes seen
   * were this node's own admission or removal of a member, committed meanwhile under the lock.
   */
  private boolean memberListDiffersFromHead() {
    return !store.diff(Optional.empty(), Optional.empty(), Optional.of(MemberFiles.DIRECTORY)).isEmpty();
  }

  /** An edit of the member list by hand is never committed; say so once per daemon. */
  private void warnAboutMemberEdits(List<RelativePath> edited) {
    if (!warnedAboutMemberEdits) {
      warnedAboutMemberEdits = true;
      LOG.error("gtfc: not committed: {}", LocalEdits.refusal(store.layout(), edited));
    }
    did("left an edit of .gtfc/ uncommitted: it is not signed by an admin");
  }

  /** Commits nothing, says why once, and looks again later: the user may restore the folder. */
  private void refuse(String reason) {
    did("refused to commit: " + reason);
    if (!guardTripped) {
      LOG.error("gtfc: {}", reason);
    }
    guardTripped = true;
    if (!stopping) {
      worker.schedule(() -> {
        batcher.everythingChanged(clock.instant());
        decide();
      }, GUARD_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void commit(Optional<Revision> revision, String what) {
    revision.ifPresent(r -> {
      did("committed " + r.abbreviated() + " (" + what + ")");
      LOG.info("committed {} ({})", r.abbreviated(), what);
      headChanged();
    });
  }

  /** Notes what the daemon did, for 'gtfc status' in another process. */
  private void did(String action) {
    lastAction = action + " at " + clock.instant().truncatedTo(ChronoUnit.SECONDS);
    record(true);
  }

  /** Under the lock, so that records reach the journal in the order they were made. */
  private void record(boolean running) {
    synchronized (records) {
      journal.daemon(store.layout(), records.lastAction(lastAction).updated(clock.instant()).running(running)
          .upToDate(running && upToDate).build());
    }
  }

  private String message(List<RelativePath> paths) {
    String names = paths.stream().limit(3).map(RelativePath::value).collect(Collectors.joining(", "));
    return "gtfc: " + paths.size() + " change" + (paths.size() == 1 ? "" : "s") + " on " + self + ": " + names
        + (paths.size() > 3 ? ", ..." : "");
  }

  private CommitSpec spec(String message) {
    return CommitSpec.of(self, clock.instant(), message);
  }

  private PeerState state(NodeId peer) {
    return peers.computeIfAbsent(peer, p -> new PeerState());
  }

  private <T> T onWorker(Callable<T> task) throws InterruptedException {
    try {
      return worker.submit(task).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PeerResult get(Future<PeerResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      LOG.warn("a fetch failed: {}", e.getCause().toString());
      return null;
    }
  }

  private static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** What this node knows a peer has, and whether a push to it is under way. */
  private static final class PeerState {
    volatile Revision known;
    boolean inFlight;
    boolean again;
    boolean retryPending;
    int failures;

    void knownAt(Revision head) {
      known = head;
    }

    boolean has(Revision head, VersionStore store) {
      Revision k = known;
      if (k == null) {
        return false;
      }
      return k.equals(head) || (store.contains(k) && store.compare(head, k).ahead() == 0);
    }
  }

  /**
   * Feeds the watcher's reports into the batcher, on the folder's thread. Reports that pile up
   * while that thread is busy (a commit, an integration) reach the batcher together, so they
   * become one commit rather than one commit each.
   */
  private final class Changes implements FolderWatcher.Listener {
    private final Queue<Map.Entry<Instant, List<FolderChange>>> reported = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    @Override
    public void changed(List<FolderChange> changes) {
      untaken.incrementAndGet();
      reported.add(Map.entry(clock.instant(), changes));
      notUpToDate();
      if (drainQueued.compareAndSet(false, true)) {
        worker.execute(this::drain);
      }
    }

    private void drain() {
      drainQueued.set(false);
      for (Map.Entry<Instant, List<FolderChange>> r = reported.poll(); r != null; r = reported.poll()) {
        for (FolderChange c : r.getValue()) {
          if (!c.directory() || c.kind() == FolderChange.Kind.DELETED || c.kind() == FolderChange.Kind.MOVED_AWAY) {
            batcher.changed(c.path(), c.kind() == FolderChange.Kind.MODIFIED, r.getKey());
          }
        }
        untaken.decrementAndGet();
      }
      decide();
    }

    @Override
    public void lost() {
      Instant now = clock.instant();
      untaken.incrementAndGet();
      notUpToDate();
      worker.execute(() -> {
        batcher.everythingChanged(now);
        untaken.decrementAndGet();
        decide();
      });
    }

    @Override
    public void failed(GtfcException cause) {
      watching = false;
      notUpToDate();
      did("stopped watching: " + cause.getMessage());
      LOG.error("gtfc stopped watching {}: {}", store.layout().folder(), cause.getMessage());
    }
  }
}
