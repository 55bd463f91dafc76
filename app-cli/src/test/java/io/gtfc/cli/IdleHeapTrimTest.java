package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
