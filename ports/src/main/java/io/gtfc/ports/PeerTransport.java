package io.gtfc.ports;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Fingerprint;
import io.gtfc.domain.Invitation;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.SshPublicKey;
import java.nio.file.Path;
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

  /**
   * Asks the node at {@code at} to admit {@code request} as a read-write member without a token,
   * signing in with an admin member's key held in the user's ssh-agent at {@code agentSocket}
   * (the original tool's {@code ssh -A} join). The node must present a host key with fingerprint
   * {@code hostKey}.
   *
   * @throws GtfcException UNREACHABLE if the node cannot be reached, REFUSED if it presents another
   *     host key, accepts no key in the agent, or the key is not an admin's
   */
  JoinAnswer joinVouched(Endpoint at, Fingerprint hostKey, Path agentSocket, JoinRequest request);

  /**
   * The host key the node at {@code at} presents, without signing in: for a user to compare
   * before trusting it.
   *
   * @throws GtfcException UNREACHABLE if nothing answers there
   */
  SshPublicKey presentedHostKey(Endpoint at);

  /**
   * Asks {@code admin} to remove this node from the member list ({@code gtfc unjoin}), signing in
   * with this node's identity key and accepting only the host key the member list pins for the
   * admin. The admin signs and commits the removal and tells the other members before it answers.
   *
   * @return {@link PeerOutcome#REMOVED} with the admin's one-line answer, or UNREACHABLE, REFUSED
   *     (with the admin's reason) or FAILED; never throws for an admin that is down or refuses
   */
  PeerResult leave(Member admin);
}
