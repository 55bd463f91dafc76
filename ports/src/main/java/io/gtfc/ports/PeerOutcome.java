package io.gtfc.ports;

/** How an exchange with one peer ended. */
public enum PeerOutcome {
  /** Our commits were sent and the peer accepted them. */
  PUSHED,
  /** The peer's commits were received into its inbox here. */
  FETCHED,
  /** The peer, an admin, removed this node from the member list as it asked. */
  REMOVED,
  /** Nothing needed to travel: the peer already had it, or we already had it. */
  UP_TO_DATE,
  /** The peer could not be reached (down, no route, timed out). */
  UNREACHABLE,
  /** The peer answered but refused: not a member, read-only, host key mismatch. */
  REFUSED,
  /** Something else went wrong; the detail says what. */
  FAILED
}
