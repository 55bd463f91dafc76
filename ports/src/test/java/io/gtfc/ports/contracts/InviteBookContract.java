package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Role;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.fakes.FakeNodeKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link InviteBook} keeps; run against the fake and each real adapter. */
public abstract class InviteBookContract {

  /** A book over new, empty storage. Called once before each test. */
  protected abstract InviteBook newBook();

  /** Another instance over the same storage as the last {@link #newBook()}, as a second process would see it. */
  protected abstract InviteBook sameBook();

  private InviteBook book;

  @BeforeEach
  void freshBook() {
    book = newBook();
  }

  protected static Invitation invitation(String secret) {
    return Invitation.builder()
        .cluster(ClusterId.of("testcluster1"))
        .inviter(NodeId.of("alpha"))
        .endpoint(Endpoint.of("127.0.0.1", 7001))
        .hostKeyFingerprint(FakeNodeKeys.ed25519("alpha/host").fingerprint())
        .role(Role.READ_WRITE)
        .secret(secret)
        .expiresAt(Instant.ofEpochSecond(2_000_000_000L))
        .build();
  }

  private static String secret(int n) {
    return String.format("secret-%024d", n);
  }

  @Test
  void forgetAllLeavesNothingToRedeem() {
    book.record(invitation(secret(1)));
    book.record(invitation(secret(2)));

    book.forgetAll();

    assertThat(book.find(secret(1))).isEmpty();
    assertThat(sameBook().redeem(secret(2))).isEmpty();
    book.forgetAll();
  }

  @Test
  void anUnknownSecretFindsNothing() {
    assertThat(book.find(secret(1))).isEmpty();
    assertThat(book.redeem(secret(1))).isEmpty();
  }

  @Test
  void findShowsARecordedInvitationWithoutUsingItUp() {
    Invitation recorded = invitation(secret(1));
    book.record(recorded);
    assertThat(book.find(recorded.secret())).contains(recorded);
    assertThat(book.find(recorded.secret())).contains(recorded);
    assertThat(sameBook().find(recorded.secret())).contains(recorded);
  }

  @Test
  void anInvitationIsRedeemedOnlyOnce() {
    Invitation recorded = invitation(secret(1));
    book.record(recorded);
    assertThat(book.redeem(recorded.secret())).contains(recorded);
    assertThat(book.redeem(recorded.secret())).isEmpty();
    assertThat(book.find(recorded.secret())).isEmpty();
    assertThat(sameBook().redeem(recorded.secret())).isEmpty();
  }

  @Test
  void redeemingOneInvitationLeavesTheOthers() {
    book.record(invitation(secret(1)));
    book.record(invitation(secret(2)));
    assertThat(book.redeem(secret(1))).isPresent();
    assertThat(book.find(secret(2))).contains(invitation(secret(2)));
  }

  @Test
  void onlyOneOfTwoRacingRedeemersGetsTheInvitation() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 25; round++) {
        String secret = secret(100 + round);
        book.record(invitation(secret));
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Optional<Invitation>>> racers = new ArrayList<>();
        for (InviteBook racer : List.of(book, sameBook())) {
          racers.add(() -> {
            go.await();
            return racer.redeem(secret);
          });
        }
        List<Future<Optional<Invitation>>> results = new ArrayList<>();
        for (Callable<Optional<Invitation>> r : racers) {
          results.add(pool.submit(r));
        }
        go.countDown();
        int winners = 0;
        for (Future<Optional<Invitation>> f : results) {
          winners += f.get().isPresent() ? 1 : 0;
        }
        assertThat(winners).as("winners of round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
