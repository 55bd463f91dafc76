package io.gtfc.watch.kqueue;

import io.gtfc.ports.FolderChange;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a watch reported, for assertions. */
class RecordingListener implements FolderWatcher.Listener {
  private final List<List<FolderChange>> batches = new ArrayList<>();
  private final List<GtfcException> failures = new ArrayList<>();
  private int lost;

  @Override
  public synchronized void changed(List<FolderChange> changes) {
    batches.add(List.copyOf(changes));
  }

  @Override
  public synchronized void lost() {
    lost++;
  }

  @Override
  public synchronized void failed(GtfcException cause) {
    failures.add(cause);
  }

  /** Every change so far, in order, as "KIND path" and a trailing "/" for directories. */
  synchronized List<String> changes() {
    List<String> all = new ArrayList<>();
    for (List<FolderChange> batch : batches) {
      for (FolderChange change : batch) {
        all.add(change.kind() + " " + change.path() + (change.directory() ? "/" : ""));
      }
    }
    return all;
  }

  synchronized List<List<FolderChange>> batches() {
    return List.copyOf(batches);
  }

  synchronized List<GtfcException> failures() {
    return List.copyOf(failures);
  }

  synchronized int timesLost() {
    return lost;
  }

  synchronized void forget() {
    batches.clear();
  }
}
