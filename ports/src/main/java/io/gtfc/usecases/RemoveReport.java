package io.gtfc.usecases;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.Member;
import io.gtfc.domain.Revision;
import io.gtfc.ports.PeerResult;
import java.util.List;
import org.immutables.value.Value;

/** What removing a member did: the signed list's version, the commit, and how each remaining peer took it. */
@Value.Immutable
public abstract class RemoveReport {
  public abstract ClusterId cluster();

  public abstract Member removed();

  /** The version of the signed member list without it. */
  public abstract long version();

  public abstract Revision head();

  public abstract List<PeerResult> results();

  public boolean reachedEveryPeer() {
    return results().stream().allMatch(PeerResult::succeeded);
  }
}
