package io.gtfc.usecases;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.Integration;
import io.gtfc.ports.SyncHooks;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.InMemoryVersionStore;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deletion guard where no user asked for a commit: an incoming push (or a catch-up) on a
 * node whose folder is gone, unmounted, emptied or mass-deleted commits nothing, applies nothing,
 * and keeps what was sent in the inbox until the folder is back.
 */
class GuardedIntegrationTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final int FILES = 60;

  private final NodeId alpha = NodeId.of("alpha");
  private final NodeId beta = NodeId.of("beta");
  private final InMemoryVersionStores alphaDisk = new InMemoryVersionStores();
  private final InMemoryVersionStores betaDisk = new InMemoryVersionStores();
  private final FolderLayout alphaFolder = FolderLayout.of(Path.of("/nodes/alpha/share"));
  private final FolderLayout betaFolder = FolderLayout.of(Path.of("/nodes/beta/share"));
  private final FakeFolderProbe betaProbe = new FakeFolderProbe(betaDisk);
  private VersionStore alphaStore;
  private VersionStore betaStore;

  @BeforeEach
  void betaHoldsAlphasSixtyFiles() {
    new BootstrapCluster(alphaDisk, new FakeNodeKeys("alpha"), FakeFolderProbe.alwaysFine(), CLOCK, new Random(1))
        .bootstrap(alphaFolder.folder(), alpha, Endpoint.of("127.0.0.1", 7001));
    alphaStore = alphaDisk.open(alphaFolder);
    for (int i = 0; i < FILES; i++) {
      alphaDisk.writeInWorkingTree(alphaFolder, file(i), ("v1 of " + i).getBytes(UTF_8));
    }
    alphaStore.commitPending(CommitSpec.of(alpha, CLOCK.instant(), "sixty files")).orElseThrow();
    betaStore = betaDisk.create(betaFolder);
    assertThat(integrateOnBeta().outcome()).isEqualTo(Integration.Outcome.FAST_FORWARD);
  }

  @AfterEach
  void close() {
    alphaStore.close();
    betaStore.close();
  }

  @Test
  void aMassDeletionIsNeitherCommittedNorMergedOver() {
    Revision before = betaStore.head().orElseThrow();
    for (int i = 0; i < 55; i++) {
      betaDisk.deleteInWorkingTree(betaFolder, file(i));
    }
    Revision sent = alphaEdits(file(59), "v2 from alpha");

    Integration held = integrateOnBeta();

    assertThat(held.outcome()).isEqualTo(Integration.Outcome.HELD);
    assertThat(held.refusal()).hasValueSatisfying(r -> assertThat(r).contains("55 of"));
    assertThat(betaStore.head()).contains(before);
    assertThat(betaStore.trackedFileCount()).isEqualTo(alphaStore.trackedFileCount());
    assertThat(betaStore.inbox()).containsEntry(alpha, sent);
    assertThat(read(file(59))).contains("v1 of 59");
  }

  @Test
  void anUnmountedFolderTakesNothingIn() {
    Revision before = betaStore.head().orElseThrow();
    betaProbe.unplug();
    alphaEdits(file(1), "v2 from alpha");

    Integration held = integrateOnBeta();

    assertThat(held.outcome()).isEqualTo(Integration.Outcome.HELD);
    assertThat(held.refusal()).hasValueSatisfying(r -> assertThat(r).contains("missing"));
    assertThat(betaStore.head()).contains(before);
  }

  @Test
  void anEmptiedFolderIsHeldAndOnceRefilledTakesTheChangeIn() {
    for (int i = 0; i < FILES; i++) {
      betaDisk.deleteInWorkingTree(betaFolder, file(i));
    }
    betaStore.filesAt(betaStore.head().orElseThrow())
        .forEach(f -> betaDisk.deleteInWorkingTree(betaFolder, f));
    Revision sent = alphaEdits(file(3), "v2 from alpha");
    assertThat(integrateOnBeta().outcome()).isEqualTo(Integration.Outcome.HELD);

    for (RelativePath f : alphaStore.filesAt(alphaStore.head().orElseThrow())) {
      betaDisk.writeInWorkingTree(betaFolder, f, betaStore.readAtHead(f).orElseThrow());
    }
    Integration taken = integrateOnBeta();

    assertThat(taken.outcome()).isEqualTo(Integration.Outcome.FAST_FORWARD);
    assertThat(betaStore.head()).contains(sent);
    assertThat(read(file(3))).contains("v2 from alpha");
  }

  @Test
  void aFewDeletionsAreCommittedBeforeTheMergeAsUsual() {
    betaDisk.deleteInWorkingTree(betaFolder, file(0));
    alphaEdits(file(1), "v2 from alpha");

    Integration merged = integrateOnBeta();

    assertThat(merged.outcome()).isEqualTo(Integration.Outcome.MERGED);
    assertThat(betaStore.readAtHead(file(0))).isEmpty();
    assertThat(read(file(1))).contains("v2 from alpha");
  }

  @Test
  void aWatchedFolderCommitsAMassDeletionInTheWayNeitherAndHoldsTheChange() {
    Revision before = betaStore.head().orElseThrow();
    for (int i = 0; i < 55; i++) {
      betaDisk.deleteInWorkingTree(betaFolder, file(i));
    }
    Revision sent = alphaEdits(file(0), "v2 from alpha");

    Integration held = integrateOnBeta(IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY);

    assertThat(held.outcome()).isEqualTo(Integration.Outcome.HELD);
    assertThat(held.refusal()).hasValueSatisfying(r -> assertThat(r).contains("55 of"));
    assertThat(betaStore.head()).contains(before);
    assertThat(betaStore.inbox()).containsEntry(alpha, sent);
    assertThat(read(file(0))).isEmpty();
  }

  @Test
  void aWatchedFolderThatIsUnpluggedTakesNothingIn() {
    Revision before = betaStore.head().orElseThrow();
    betaProbe.unplug();
    alphaEdits(file(1), "v2 from alpha");

    Integration held = integrateOnBeta(IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY);

    assertThat(held.outcome()).isEqualTo(Integration.Outcome.HELD);
    assertThat(betaStore.head()).contains(before);
  }

  @Test
  void aWatchedFolderThatWasEmptiedTakesNothingIn() {
    Revision before = betaStore.head().orElseThrow();
    betaStore.filesAt(before).forEach(f -> betaDisk.deleteInWorkingTree(betaFolder, f));
    alphaEdits(file(3), "v2 from alpha");

    Integration held = integrateOnBeta(IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY);

    assertThat(held.outcome()).isEqualTo(Integration.Outcome.HELD);
    assertThat(betaStore.head()).contains(before);
    assertThat(read(file(3))).isEmpty();
  }

  @Test
  void aWatchedFolderLeavesAnEditThatIsNotInTheWayUncommitted() {
    betaDisk.writeInWorkingTree(betaFolder, file(0), "beta's edit".getBytes(UTF_8));
    Revision sent = alphaEdits(file(1), "v2 from alpha");

    Integration taken = integrateOnBeta(IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY);

    assertThat(taken.outcome()).isEqualTo(Integration.Outcome.FAST_FORWARD);
    assertThat(betaStore.head()).contains(sent);
    assertThat(betaStore.pendingChanges()).containsExactly(file(0));
    assertThat(read(file(0))).contains("beta's edit");
  }

  private Revision alphaEdits(RelativePath path, String content) {
    alphaDisk.writeInWorkingTree(alphaFolder, path, content.getBytes(UTF_8));
    return alphaStore.commitPending(CommitSpec.of(alpha, CLOCK.instant(), "edit")).orElseThrow();
  }

  private Integration integrateOnBeta() {
    return integrateOnBeta(IntegrateChanges.OwnEdits.COMMIT_FIRST);
  }

  private Integration integrateOnBeta(IntegrateChanges.OwnEdits ownEdits) {
    ((InMemoryVersionStore) betaStore).receive(alpha, (InMemoryVersionStore) alphaStore);
    return new IntegrateChanges(betaStore, beta, CLOCK, betaProbe, SyncHooks.NONE, Runnable::run, ownEdits)
        .integrate(alpha);
  }

  private Optional<String> read(RelativePath path) {
    return betaDisk.readInWorkingTree(betaFolder, path).map(b -> new String(b, UTF_8));
  }

  private static RelativePath file(int i) {
    return RelativePath.of("f" + i + ".txt");
  }
}
