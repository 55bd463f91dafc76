package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerProbe;
import io.gtfc.ports.PeerTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Looks at every peer at once, so that a person waits for the slowest peer, not for their sum. */
final class PeerProbes {
  /** How long one peer may take to connect, and then to answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_THREADS = 8;

  private PeerProbes() {}

  /** One probe per peer, in the order given. */
  static Map<NodeId, PeerProbe> all(PeerTransport transport, List<Member> peers, Duration timeout) {
    Map<NodeId, PeerProbe> probes = new LinkedHashMap<>();
    if (peers.isEmpty()) {
      return probes;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(peers.size(), MAX_THREADS), r -> {
      Thread t = new Thread(r, "gtfc-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PeerProbe>> futures = new ArrayList<>();
      for (Member peer : peers) {
        futures.add(pool.submit(() -> transport.probe(peer, timeout)));
      }
      // a probe bounds its own connect and read; this is the backstop for one that hangs anyway
      long deadline = timeout.toMillis() * 3 + 1_000;
      for (int i = 0; i < peers.size(); i++) {
        NodeId id = peers.get(i).id();
        probes.put(id, await(futures.get(i), id, deadline));
      }
      return probes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static PeerProbe await(Future<PeerProbe> future, NodeId peer, long millis) {
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return PeerProbe.failed(peer, PeerOutcome.UNREACHABLE, "no answer within " + millis / 1000 + " s");
    } catch (ExecutionException e) {
      return PeerProbe.failed(peer, PeerOutcome.FAILED, String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PeerProbe.failed(peer, PeerOutcome.FAILED, "interrupted");
    }
  }
}
