package io.gtfc.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import io.gtfc.ports.simulation.ClusterSimulation;
import io.gtfc.ports.simulation.StoreWorld;
import io.gtfc.usecases.IntegrateChanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster simulation over real JGit repositories in temporary directories: fewer runs than
 * over the fake, the same two promises (one head everywhere, no lost edit).
 */
class JGitClusterSimulationTest {
  @TempDir
  Path temp;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
  void aClusterOfRealRepositoriesConvergesAndLosesNoEdit(long seed) {
    int nodes = 3 + (int) (seed % 3);
    ClusterSimulation.Outcome outcome = new ClusterSimulation(seed, new DiskWorld(temp), nodes, 80).run();
    assertThat(outcome.commits()).isPositive();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 4, 9, 16})
  void watchedRealRepositoriesThatCommitOnlyEditsInTheWayConvergeAndLoseNoEdit(long seed) {
    int nodes = 3 + (int) (seed % 3);
    ClusterSimulation.Outcome outcome = new ClusterSimulation(seed, new DiskWorld(temp), nodes, 80,
        IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY).run();
    assertThat(outcome.commits()).isPositive();
  }

  /** Folders on disk, JGit stores, and a local fetch as the transport. */
  private static final class DiskWorld implements StoreWorld {
    private final Path root;
    private final JGitVersionStores stores = new JGitVersionStores();

    DiskWorld(Path root) {
      this.root = root;
    }

    @Override
    public VersionStores stores() {
      return stores;
    }

    @Override
    public FolderLayout folder(String name) {
      return FolderLayout.of(root.resolve(name).resolve("share"));
    }

    @Override
    public void write(FolderLayout folder, RelativePath path, byte[] content) {
      try {
        Path file = folder.folder().resolve(path.value());
        Files.createDirectories(file.getParent());
        Files.write(file, content);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void delete(FolderLayout folder, RelativePath path) {
      try {
        Files.deleteIfExists(folder.folder().resolve(path.value()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Optional<byte[]> read(FolderLayout folder, RelativePath path) {
      Path file = folder.folder().resolve(path.value());
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Files.readAllBytes(file));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void deliver(VersionStore from, NodeId sender, VersionStore to) {
      Deliveries.deliver(from.layout(), sender, to.layout());
    }
  }
}
