package io.gtfc.ports.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.usecases.IntegrateChanges;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded clusters over the in-memory stores: random edits, deletes, renames and
 * moves on every node, delayed and dropped deliveries, partitions, crashes. Each must end with
 * one head everywhere and no lost edit; a failure names its seed.
 */
class ClusterSimulationTest {
  @Property(tries = 2000, seed = "20261125")
  void everyClusterConvergesAndLosesNoEdit(@ForAll long seed, @ForAll @IntRange(min = 3, max = 7) int nodes) {
    ClusterSimulation.Outcome outcome = new ClusterSimulation(seed, new FakeWorld(), nodes, 120).run();
    assertThat(outcome.rounds()).isLessThanOrEqualTo(30);
  }

  @Property(tries = 500, seed = "20261126")
  void watchedClustersThatCommitOnlyEditsInTheWayConvergeAndLoseNoEdit(@ForAll long seed,
      @ForAll @IntRange(min = 3, max = 7) int nodes) {
    ClusterSimulation.Outcome outcome = new ClusterSimulation(seed, new FakeWorld(), nodes, 120,
        IntegrateChanges.OwnEdits.COMMIT_WHEN_IN_THE_WAY).run();
    assertThat(outcome.rounds()).isLessThanOrEqualTo(30);
  }

  @Test
  void aLongRunWithSevenNodesConverges() {
    ClusterSimulation.Outcome outcome = new ClusterSimulation(42, new FakeWorld(), 7, 2000).run();
    assertThat(outcome.commits()).isGreaterThan(100);
    assertThat(outcome.conflictCopies()).isPositive();
  }
}
