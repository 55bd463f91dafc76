package io.gtfc.usecases;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.PeerResult;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** What a push did: the commit it made (if any) and how each peer answered. */
@Value.Immutable
public abstract class PushReport {
  public abstract NodeId self();

  /** The commit of local changes; empty when there was nothing to commit. */
  public abstract Optional<Revision> committed();

  public abstract Optional<Revision> head();

  public abstract List<PeerResult> results();

  public boolean reachedEveryPeer() {
    return results().stream().allMatch(PeerResult::succeeded);
  }
}
