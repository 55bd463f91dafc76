package io.gtfc.ssh;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;

/** How gtfc's SSH clients read a failure: was it the sign-in, and the one line at its root. */
final class SshFailures {
  private SshFailures() {}

  /** Whether the server turned our key down (no authentication method left), anywhere in the causes. */
  static boolean authenticationFailed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SshException s
          && s.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().contains("No more authentication methods available")) {
        return true;
      }
    }
    return false;
  }

  /** The first line of the innermost cause's message (its class name when it has none). */
  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return SshPeerTransport.oneLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
  }
}
