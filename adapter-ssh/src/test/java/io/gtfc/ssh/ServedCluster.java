package io.gtfc.ssh;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Four nodes: {@code beta} serves its folder (admin), {@code alpha} may push (read-write),
 * {@code reader} may only fetch (read-only), and {@code mallory} is no member at all.
 */
final class ServedCluster implements AutoCloseable {
  static final ClusterId CLUSTER = ClusterId.of("testcluster1");
  static final String SECRET = "the-one-valid-invitation-secret";
  private static final Endpoint ELSEWHERE = Endpoint.of("127.0.0.1", 9);

  final TestNode beta;
  final TestNode alpha;
  final TestNode reader;
  final TestNode mallory;
  /** What beta's member list says; a test may replace it while beta serves. */
  volatile Membership membership;
  final List<Map.Entry<NodeId, Revision>> heard = new CopyOnWriteArrayList<>();
  final List<JoinRequest> admitted = new CopyOnWriteArrayList<>();
  final List<NodeId> left = new CopyOnWriteArrayList<>();
  /** When set, the listener refuses every push with this reason, as a member-list check would. */
  volatile String refusePushesWith;
  final PeerServer.Running server;
  /** beta as its peers know it, at the address it actually listens on. */
  final Member betaPeer;

  ServedCluster(Path root) throws Exception {
    this(root, ServerLimits.DEFAULT);
  }

  ServedCluster(Path root, ServerLimits limits) throws Exception {
    beta = new TestNode(root, "beta");
    alpha = new TestNode(root, "alpha");
    reader = new TestNode(root, "reader");
    mallory = new TestNode(root, "mallory");
    membership = Membership.of(CLUSTER, List.of(
        beta.member(Role.ADMIN, ELSEWHERE),
        alpha.member(Role.READ_WRITE, ELSEWHERE),
        reader.member(Role.READ_ONLY, ELSEWHERE)));
    server = new SshdPeerServer(beta.home, limits).start(spec(Endpoint.of("127.0.0.1", 0)));
    betaPeer = beta.member(Role.ADMIN, server.address());
  }

  PeerServer.Spec spec(Endpoint listen) {
    return PeerServer.Spec.builder()
        .listen(listen)
        .folder(beta.layout)
        .self(beta.id)
        .members(() -> membership)
        .joins(new Desk())
        .listener((sender, head) -> {
          heard.add(Map.entry(sender, head));
          if (refusePushesWith != null) {
            throw new GtfcException(Problem.REFUSED, refusePushesWith);
          }
        })
        .leaves(member -> {
          if (member.equals(reader.id)) {
            throw new GtfcException(Problem.REFUSED, "reader may not leave today");
          }
          left.add(member);
          return "beta removed " + member + " from cluster " + CLUSTER;
        })
        .build();
  }

  Invitation invitation(String secret) {
    return Invitation.builder()
        .cluster(CLUSTER)
        .inviter(beta.id)
        .endpoint(server.address())
        .hostKeyFingerprint(beta.identity.hostKey().fingerprint())
        .role(Role.READ_WRITE)
        .secret(secret)
        .expiresAt(Instant.now().plusSeconds(3600))
        .build();
  }

  /** Knows one secret; admits once; refuses the name {@code taken}. */
  private final class Desk implements PeerServer.JoinDesk {
    private boolean used;

    @Override
    public synchronized boolean recognises(String secret) {
      return SECRET.equals(secret) && !used;
    }

    @Override
    public synchronized JoinAnswer admit(String secret, JoinRequest request) {
      if (!recognises(secret)) {
        throw new GtfcException(Problem.REFUSED, "this invitation was already used: ask for a new one");
      }
      if (request.name().value().equals("taken")) {
        throw new GtfcException(Problem.REFUSED, "the name 'taken' is already a member's: join with another --name");
      }
      used = true;
      admitted.add(request);
      return JoinAnswer.builder().cluster(CLUSTER).inviter(betaPeer).role(Role.READ_WRITE).build();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
