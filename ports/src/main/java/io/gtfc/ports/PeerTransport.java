package io.gtfc.ports;

import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import java.time.Duration;

/**
 * Moves commits between this node and one peer. The transport signs in with this node's own
 * identity key and accepts the peer only if it presents the host key the member list pins for
 * it: never trust on first use, never the user's own SSH configuration.
 *
 * <p>Threading: safe for concurrent calls, including to different peers at once.
 *
 * <p>Errors: {@link #push}, {@link #fetch} and {@link #probe} never throw for a peer that is down or
 * refuses: they return a {@link PeerResult} or {@link PeerProbe} saying so. {@link #join} throws {@link GtfcException} because
 * a failed join cannot continue.
 */
public interface PeerTransport {

  /**
   * Sends this node's working branch {@code main} to {@code peer}, into the peer's ref
   * {@code refs/gtfc/inbox/<self>} (never into the peer's checked-out branch). Returns when the
   * peer has accepted (and integrated) it or refused it.
   *
   * @return {@link PeerOutcome#PUSHED}, {@link PeerOutcome#UP_TO_DATE} when the peer's inbox already
   *     had this head or this node has no commit, or a failure outcome with the reason
   */
  PeerResult push(FolderLayout local, NodeId self, Member peer);

  /**
   * Fetches {@code peer}'s working branch into the local ref {@code refs/gtfc/inbox/<peer>}
   * (forced: the inbox mirrors the peer). Does not touch the local branch or working tree.
   *
   * @return {@link PeerOutcome#FETCHED}, {@link PeerOutcome#UP_TO_DATE}, or a failure outcome
   */
  PeerResult fetch(FolderLayout local, Member peer);

  /**
   * Asks {@code peer} for the head of its working branch without downloading anything (what
   * {@code git ls-remote} does): a cheap check that the peer is up and accepts this node's key.
   * Gives up after about {@code timeout} (connecting and waiting for the answer each), so a
   * caller can look at every peer in parallel and still answer a person quickly.
   *
   * @return {@link PeerProbe#answered} with the peer's head (empty if it has no commit yet), or the
   *     failure outcome (UNREACHABLE, REFUSED, FAILED) with the reason
   */
  PeerProbe probe(Member peer, Duration timeout);

  /**
   * Presents a one-time invitation to the inviting node, which admits {@code request} as a member
   * in the invitation's role. The inviter's host key must match the token's fingerprint.
   *
   * @throws GtfcException UNREACHABLE if the inviter cannot be reached, REFUSED if the inviter
   *     refuses (used, expired or unknown token, taken name) or presents another host key
   */
  JoinAnswer join(Invitation invitation, JoinRequest request);
}
