package io.gtfc.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.InMemoryPeerNetwork;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deletion guard as 'gtfc push' meets it, over the in-memory adapters. */
class MassDeleteGuardTest {
  private final InMemoryVersionStores disk = new InMemoryVersionStores();
  private final FakeNodeKeys keys = new FakeNodeKeys("alpha");
  private final FakeFolderProbe probe = new FakeFolderProbe(disk);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final FolderLayout folder = FolderLayout.of(Path.of("/fake/alpha/share"));
  private PushChanges push;

  @BeforeEach
  void aFolderOfSixtyFiles() {
    new BootstrapCluster(disk, keys, probe, clock, new Random(1))
        .bootstrap(folder.folder(), NodeId.of("alpha"), Endpoint.of("127.0.0.1", 7001));
    for (int i = 0; i < 60; i++) {
      disk.writeInWorkingTree(folder, RelativePath.of("f" + i + ".txt"), new byte[] {(byte) i});
    }
    InMemoryPeerNetwork network = new InMemoryPeerNetwork();
    push = new PushChanges(disk, keys, network.transport(disk, keys), probe, clock,
        new io.gtfc.ports.fakes.InMemorySyncJournal());
    push.push(folder.folder(), false);
  }

  private int tracked() {
    try (VersionStore store = disk.open(folder)) {
      return store.trackedFileCount();
    }
  }

  @Test
  void deletingMostFilesAtOnceIsRefusedAndNothingIsCommitted() {
    for (int i = 0; i < 55; i++) {
      disk.deleteInWorkingTree(folder, RelativePath.of("f" + i + ".txt"));
    }
    int before = tracked();

    assertThatThrownBy(() -> push.push(folder.folder(), false))
        .isInstanceOfSatisfying(GtfcException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.REFUSED);
          assertThat(e.getMessage()).contains("55 of " + before).contains("--allow-mass-delete");
        });
    assertThat(tracked()).isEqualTo(before);
  }

  @Test
  void aFewDeletionsAreCommittedAsUsual() {
    for (int i = 0; i < 5; i++) {
      disk.deleteInWorkingTree(folder, RelativePath.of("f" + i + ".txt"));
    }
    assertThat(push.push(folder.folder(), false).committed()).isPresent();
  }

  @Test
  void anEmptiedFolderIsRefused() {
    int before = tracked();
    try (VersionStore store = disk.open(folder)) {
      store.filesAt(store.head().orElseThrow()).forEach(f -> disk.deleteInWorkingTree(folder, f));
    }
    assertThatThrownBy(() -> push.push(folder.folder(), false)).hasMessageContaining("the folder is empty");
    assertThat(tracked()).isEqualTo(before);
  }

  @Test
  void aFolderOnAnotherDeviceIsRefusedEvenForOneChange() {
    disk.deleteInWorkingTree(folder, RelativePath.of("f1.txt"));
    probe.moveToAnotherDevice();
    assertThatThrownBy(() -> push.push(folder.folder(), false)).hasMessageContaining("another device");
  }

  @Test
  void anUnmountedFolderIsRefused() {
    probe.unplug();
    assertThatThrownBy(() -> push.push(folder.folder(), false)).hasMessageContaining("the folder is missing");
  }

  @Test
  void allowMassDeleteCommitsItDeliberately() {
    int before = tracked();
    for (int i = 0; i < 55; i++) {
      disk.deleteInWorkingTree(folder, RelativePath.of("f" + i + ".txt"));
    }
    assertThat(push.push(folder.folder(), true).committed()).isPresent();
    assertThat(tracked()).isEqualTo(before - 55);
  }

  @Test
  void restoringOneFileOfAMassDeletionCommitsThatFileAloneNotTheDeletion() {
    int before = tracked();
    String head;
    try (VersionStore store = disk.open(folder)) {
      head = store.head().orElseThrow().id();
    }
    for (int i = 0; i < 55; i++) {
      disk.deleteInWorkingTree(folder, RelativePath.of("f" + i + ".txt"));
    }

    RestoreFile.Restored restored = new RestoreFile(disk, keys, clock, probe)
        .restore(folder.folder(), RelativePath.of("f7.txt"), new RestoreFile.At.RevisionPrefix(head));

    assertThat(restored.deleted()).isFalse();
    assertThat(disk.readInWorkingTree(folder, RelativePath.of("f7.txt"))).hasValueSatisfying(
        b -> assertThat(b).containsExactly(7));
    assertThat(tracked()).isEqualTo(before);
  }
}
