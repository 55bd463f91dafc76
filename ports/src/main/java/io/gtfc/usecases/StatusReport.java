package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** This node's head and pending changes, and each peer's last known head. */
@Value.Immutable
public abstract class StatusReport {
  public abstract FolderLayout folder();

  public abstract Member self();

  public abstract Optional<Revision> head();

  public abstract List<RelativePath> pending();

  public abstract List<PeerStatus> peers();

  /** No pending change, and every peer's last known head is this node's head. */
  public boolean inSync() {
    return pending().isEmpty()
        && peers().stream().allMatch(p -> p.lastKnownHead().isPresent() && p.lastKnownHead().equals(head()));
  }
}
