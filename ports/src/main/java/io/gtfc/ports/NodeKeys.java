package io.gtfc.ports;

import java.util.List;
import java.util.Optional;

/**
 * This node's identity key and SSH host key, kept in the node home (private keys mode 0600,
 * OpenSSH formats). Thread-safe.
 *
 * <p>Errors: {@link GtfcException} ENVIRONMENT when the home cannot be written or a key file is
 * unreadable, BAD_STATE when a private key file is readable by others (naming the chmod to run).
 */
public interface NodeKeys {

  /** Loads both keys, creating whichever is missing. Calling it again returns the same keys. */
  NodeIdentity ensure();

  /** Loads both keys; empty when this home has none yet. Never creates anything. */
  Optional<NodeIdentity> load();

  /**
   * Signs {@code data} with this node's identity key, the one {@link NodeIdentity#userKey()}
   * names: the 64-byte ed25519 signature of RFC 8032. The private key never leaves the home;
   * this is how an admin node signs the member list.
   *
   * @throws GtfcException BAD_STATE when this home has no keys
   */
  byte[] sign(byte[] data);

  /**
   * Deletes both keys (private and public files) from the home, for {@code gtfc wipe}. Nothing
   * happens when there are none; afterwards {@link #load()} is empty and {@link #ensure()} makes
   * new keys.
   */
  void forget();

  /**
   * Looks at the key files without loading or creating anything: each problem (a key missing, a
   * private key others may read) is one line that says what to do. Empty when all is well.
   */
  default List<String> problems() {
    return List.of();
  }
}
