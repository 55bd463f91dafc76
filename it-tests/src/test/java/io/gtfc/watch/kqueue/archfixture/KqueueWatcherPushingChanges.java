package io.gtfc.watch.kqueue.archfixture;

import io.gtfc.usecases.archfixture.PushChanges;

/** A watcher that drives a use case instead of reporting to its listener. */
public final class KqueueWatcherPushingChanges {
  public void onChange(PushChanges pushChanges) {
    pushChanges.push();
  }
}
