package io.gtfc.ports;

/** What kind of failure stopped an operation; the command line maps each to one exit code. */
public enum Problem {
  /** The user gave something unusable: a bad path, token, name or address. */
  BAD_INPUT,
  /** The folder or node is not in a state that allows this (not a gtfc folder, already joined, ...). */
  BAD_STATE,
  /** A peer or the network could not be reached. */
  UNREACHABLE,
  /** A peer or this node refused: authentication, role, an expired or used token. */
  REFUSED,
  /** The machine stopped us: a port in use, a full disk, missing permissions. */
  ENVIRONMENT
}
