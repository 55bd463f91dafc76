package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.DaemonState;
import io.gtfc.ports.FolderLayout;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** This node (head, pending changes, its daemon) and each peer, contacted or as last known. */
@Value.Immutable
public abstract class StatusReport {
  public abstract FolderLayout folder();

  public abstract Member self();

  public abstract Optional<Revision> head();

  public abstract List<RelativePath> pending();

  /**
   * Whether {@link #pending()} comes from a scan of the working tree just now; false when a live
   * daemon's record vouched that it watches and has committed every edit (then nothing is pending).
   */
  public abstract boolean pendingScanned();

  public abstract List<PeerStatus> peers();

  /** The last record of a daemon or server for this folder; empty if none ever ran. */
  public abstract Optional<Daemon> daemon();

  /** Whether the peers were contacted just now (else their heads are as last known). */
  public abstract boolean contacted();

  /** A daemon's last record, and whether its process is still alive. */
  public record Daemon(DaemonState state, boolean alive) {
    /** Its record says it runs, but its process is gone: it crashed or was killed. */
    public boolean vanished() {
      return state.running() && !alive;
    }

    /** It runs, watches, and says it has committed every edit it saw. */
    public boolean vouchesNothingIsPending() {
      return alive && state.running() && state.upToDate();
    }
  }

  /**
   * Nothing is pending here, every peer answered (when contacted) and every peer's head is this
   * node's head.
   */
  public boolean inSync() {
    return pending().isEmpty()
        && peers().stream().allMatch(p -> p.reachable().orElse(true)
            && p.head().isPresent() && p.head().equals(head()));
  }
}
