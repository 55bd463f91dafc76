package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdleHeapTrimTest {
  private final AtomicReference<String> lastAction = new AtomicReference<>("started");
  private final AtomicInteger collections = new AtomicInteger();
  private final IdleHeapTrim trim = new IdleHeapTrim(lastAction::get, collections::incrementAndGet);

  @Test
  void aDaemonThatWentQuietAfterWorkIsCollectedOnceUntilItWorksAgain() {
    lastAction.set("committed 1");
    trim.look();
    assertThat(collections).as("still busy at the first look").hasValue(0);

    trim.look();
    trim.look();
    trim.look();
    assertThat(collections).as("quiet since the last look: one collection, not one per look").hasValue(1);

    lastAction.set("integrated FAST_FORWARD from beta");
    trim.look();
    trim.look();
    assertThat(collections).hasValue(2);
  }

  @Test
  void aDaemonThatDidNothingIsNotCollected() {
    trim.look();
    trim.look();
    assertThat(collections).hasValue(0);
  }

  @Test
  void theIdleCollectionRunsWithBothFreeRatiosTightAndPutsThemBackAfter() {
    List<String> before = freeRatios();
    List<String> during = new ArrayList<>();

    IdleHeapTrim.collectTight(() -> during.addAll(freeRatios()));

    assertThat(during).as("min and max free ratio during each of the two collections")
        .containsExactly("10", "10", "10", "10");
    assertThat(freeRatios()).as("after it").isEqualTo(before);
    assertThat(before).as("this JVM's own, looser bounds").isNotEqualTo(during);
  }

  @Test
  void theFreeRatiosArePutBackWhenTheCollectionFails() {
    List<String> before = freeRatios();

    assertThatThrownBy(() -> IdleHeapTrim.collectTight(() -> {
      throw new IllegalStateException("collection failed");
    })).hasMessage("collection failed");

    assertThat(freeRatios()).isEqualTo(before);
  }

  private static List<String> freeRatios() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return List.of(vm.getVMOption("MinHeapFreeRatio").getValue(), vm.getVMOption("MaxHeapFreeRatio").getValue());
  }
}
