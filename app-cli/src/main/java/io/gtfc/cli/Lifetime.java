package io.gtfc.cli;

/** How a foreground command (serve) learns that it should stop: a signal in production, a call in tests. */
interface Lifetime {
  /** Blocks until the process is asked to stop. */
  void awaitStop() throws InterruptedException;

  /** Called once the command has released everything, so a shutdown hook can let the JVM exit. */
  void stopped();
}
