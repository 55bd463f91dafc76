package io.gtfc.domain;

import org.immutables.value.Value;

/** Where a node's SSH server can be reached: a host name or address and a TCP port. */
@Value.Immutable
public abstract class Endpoint {
  @Value.Parameter
  public abstract String host();

  @Value.Parameter
  public abstract int port();

  public static Endpoint of(String host, int port) {
    return ImmutableEndpoint.of(host, port);
  }

  /**
   * Parses {@code HOST:PORT}, {@code [IPV6]:PORT}, or a bare host that then gets {@code defaultPort}.
   *
   * @throws IllegalArgumentException with a message a user can act on
   */
  public static Endpoint parse(String text, int defaultPort) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("an address is empty: give it as HOST:PORT, for example 127.0.0.1:7001");
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
  }

  /** The form OpenSSH's known_hosts uses: {@code host} for port 22, else {@code [host]:port}. */
  public String knownHostsForm() {
    return port() == 22 ? host() : "[" + host() + "]:" + port();
  }

  @Override
  public String toString() {
    return host().contains(":") ? "[" + host() + "]:" + port() : host() + ":" + port();
  }
}
