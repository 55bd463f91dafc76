package io.gtfc.ssh;

import java.time.Duration;

/**
 * How much the peer server (and {@code gtfc shell}) accepts: the size of a pushed pack and of any
 * one object in it, how many SSH sessions at once in all and from one address, and how long a
 * client may take to sign in or stay silent. The defaults are generous for a folder of documents;
 * a node sets its own in its local settings.
 */
public record ServerLimits(long maxPackBytes, long maxObjectBytes, int maxSessions, int maxSessionsPerAddress,
    Duration authTimeout, Duration idleTimeout) {

  public static final ServerLimits DEFAULT = new ServerLimits(2L << 30, 1L << 30, 64, 16,
      Duration.ofSeconds(30), Duration.ofMinutes(10));

  public ServerLimits {
    if (maxPackBytes <= 0 || maxObjectBytes <= 0 || maxSessions <= 0 || maxSessionsPerAddress <= 0) {
      throw new IllegalArgumentException("a server limit must be positive");
    }
    if (authTimeout.isNegative() || authTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("a server time limit must be positive");
    }
  }

  public ServerLimits withMaxPackBytes(long bytes) {
    return new ServerLimits(bytes, Math.min(maxObjectBytes, bytes), maxSessions, maxSessionsPerAddress,
        authTimeout, idleTimeout);
  }

  public ServerLimits withMaxObjectBytes(long bytes) {
    return new ServerLimits(maxPackBytes, bytes, maxSessions, maxSessionsPerAddress, authTimeout, idleTimeout);
  }

  public ServerLimits withSessions(int total, int perAddress) {
    return new ServerLimits(maxPackBytes, maxObjectBytes, total, perAddress, authTimeout, idleTimeout);
  }

  public ServerLimits withTimeouts(Duration auth, Duration idle) {
    return new ServerLimits(maxPackBytes, maxObjectBytes, maxSessions, maxSessionsPerAddress, auth, idle);
  }
}
