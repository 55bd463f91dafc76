package io.gtfc.domain;

import java.util.Optional;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * Where a node's SSH server can be reached: a host name or address and a TCP port, and the account
 * to sign in as when that server is the host's own OpenSSH sshd (a node in OpenSSH mode); gtfc's
 * embedded server needs no account.
 */
@Value.Immutable
public abstract class Endpoint {
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}");

  @Value.Parameter
  public abstract String host();

  @Value.Parameter
  public abstract int port();

  /** The account on the host's sshd, for a node in OpenSSH mode; empty for gtfc's own server. */
  public abstract Optional<String> user();

  public static Endpoint of(String host, int port) {
    return ImmutableEndpoint.of(host, port);
  }

  /** This endpoint reached as {@code user} (an account on the host's OpenSSH sshd). */
  public Endpoint asUser(String user) {
    return ImmutableEndpoint.copyOf(this).withUser(user);
  }

  /** This endpoint without an account. */
  public Endpoint withoutUser() {
    return ImmutableEndpoint.copyOf(this).withUser(Optional.empty());
  }

  /**
   * Parses {@code [USER@]HOST:PORT}, {@code [USER@][IPV6]:PORT}, or a host without port that then
   * gets {@code defaultPort}.
   *
   * @throws IllegalArgumentException with a message a user can act on
   */
  public static Endpoint parse(String text, int defaultPort) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("an address is empty: give it as HOST:PORT, for example 127.0.0.1:7001");
    }
    int at = s.indexOf('@');
    if (at >= 0) {
      String user = s.substring(0, at);
      if (!USER.matcher(user).matches()) {
        throw new IllegalArgumentException("'" + user + "' in '" + text + "' is not an account name:"
            + " write USER@HOST:PORT, for example alice@alpha:22");
      }
      return parse(s.substring(at + 1), defaultPort).asUser(user);
    }
    String host;
    String port = null;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "' has '[' without ']': write an IPv6 address as [::1]:7001");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' is not HOST:PORT: write it as [::1]:7001");
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon >= 0 && s.indexOf(':') != colon) {
        throw new IllegalArgumentException("'" + text + "' looks like an IPv6 address: write it as [" + s + "]:PORT");
      }
      host = colon < 0 ? s : s.substring(0, colon);
      port = colon < 0 ? null : s.substring(colon + 1);
    }
    if (port == null) {
      return of(host, defaultPort);
    }
    try {
      return of(host, Integer.parseInt(port));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + port + "' in '" + text + "' is not a port number: use 1 to 65535");
    }
  }

  @Value.Check
  protected void check() {
    if (host().isBlank() || host().chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
      throw new IllegalArgumentException("'" + host() + "' is not a host name or address");
    }
    if (port() < 0 || port() > 65535) {
      throw new IllegalArgumentException(port() + " is not a TCP port: use 1 to 65535 (0 picks a free one)");
    }
    if (user().isPresent() && !USER.matcher(user().get()).matches()) {
      throw new IllegalArgumentException("'" + user().get() + "' is not an account name");
    }
  }

  /** The form OpenSSH's known_hosts uses: {@code host} for port 22, else {@code [host]:port}. */
  public String knownHostsForm() {
    return port() == 22 ? host() : "[" + host() + "]:" + port();
  }

  /** {@code HOST:PORT}, or {@code [IPV6]:PORT}, without the account. */
  public String hostAndPort() {
    return host().contains(":") ? "[" + host() + "]:" + port() : host() + ":" + port();
  }

  /** {@code [USER@]HOST:PORT}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return user().map(u -> u + "@").orElse("") + hostAndPort();
  }
}
