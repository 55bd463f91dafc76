package io.gtfc.ports.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.Ed25519;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NodeKeys} keeps; run against the fake and each real adapter. */
public abstract class NodeKeysContract {

  /** Keys over a new, empty home. Called once before each test. */
  protected abstract NodeKeys newKeys();

  /** Another instance over the same home as the last {@link #newKeys()}, as a second process would see it. */
  protected abstract NodeKeys sameHome();

  private NodeKeys keys;

  @BeforeEach
  void freshHome() {
    keys = newKeys();
  }

  @Test
  void anEmptyHomeHasNoKeys() {
    assertThat(keys.load()).isEmpty();
  }

  @Test
  void loadNeverCreatesKeys() {
    keys.load();
    sameHome().load();
    assertThat(keys.load()).isEmpty();
    assertThat(sameHome().load()).isEmpty();
  }

  @Test
  void ensureCreatesTwoDistinctEd25519Keys() {
    NodeIdentity identity = keys.ensure();
    assertThat(identity.userKey().algorithm()).isEqualTo("ssh-ed25519");
    assertThat(identity.hostKey().algorithm()).isEqualTo("ssh-ed25519");
    assertThat(identity.userKey()).isNotEqualTo(identity.hostKey());
  }

  @Test
  void ensureReturnsTheSameKeysEveryTime() {
    NodeIdentity first = keys.ensure();
    assertThat(keys.ensure()).isEqualTo(first);
    assertThat(keys.ensure()).isEqualTo(first);
  }

  @Test
  void loadReturnsWhatEnsureCreated() {
    NodeIdentity created = keys.ensure();
    assertThat(keys.load()).contains(created);
    assertThat(sameHome().load()).contains(created);
  }

  @Test
  void anotherInstanceOnTheSameHomeKeepsTheKeys() {
    NodeIdentity created = keys.ensure();
    assertThat(sameHome().ensure()).isEqualTo(created);
  }

  @Test
  void signMakesAnEd25519SignatureOfTheIdentityKey() {
    NodeIdentity identity = keys.ensure();
    byte[] data = "the member list".getBytes(StandardCharsets.UTF_8);

    byte[] signature = keys.sign(data);

    assertThat(signature).hasSize(64);
    assertThat(Ed25519.verifies(identity.userKey(), data, signature)).isTrue();
    assertThat(Ed25519.verifies(identity.hostKey(), data, signature)).isFalse();
    assertThat(Ed25519.verifies(identity.userKey(), "other".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
  }

  @Test
  void signWithoutKeysIsRefused() {
    assertThatThrownBy(() -> keys.sign(new byte[] {1}))
        .isInstanceOfSatisfying(GtfcException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_STATE));
  }

  @Test
  void forgetDeletesTheKeys() {
    keys.ensure();

    keys.forget();

    assertThat(keys.load()).isEmpty();
    assertThat(sameHome().load()).isEmpty();
    keys.forget();
    assertThat(keys.ensure()).isNotNull();
  }

  @Test
  void concurrentEnsureAgreesOnOneIdentity() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<NodeIdentity>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        NodeKeys instance = i == 0 ? keys : sameHome();
        calls.add(instance::ensure);
      }
      List<NodeIdentity> seen = new ArrayList<>();
      for (Future<NodeIdentity> f : pool.invokeAll(calls)) {
        seen.add(f.get());
      }
      assertThat(seen).allMatch(seen.get(0)::equals);
      assertThat(keys.load()).contains(seen.get(0));
    } finally {
      pool.shutdownNow();
    }
  }
}
