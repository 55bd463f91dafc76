package io.gtfc.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Stops on SIGINT/SIGTERM (the JVM's shutdown) and lets the JVM exit only once cleaned up. */
final class SignalLifetime implements Lifetime {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);

  SignalLifetime() {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        done.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "gtfc-shutdown"));
  }

  @Override
  public void awaitStop() throws InterruptedException {
    stop.await();
  }

  @Override
  public void stopped() {
    done.countDown();
  }
}
