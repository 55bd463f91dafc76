package io.gtfc.ssh;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.SshConfigStore;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * JGit's MINA-based SSH client set up for one connection to one peer: this node's identity key
 * only, the peer's pinned host key only, the {@link ModernAlgorithms} only, and nothing from the
 * user's {@code ~/.ssh} (no config, no known_hosts, no agent). Applied per transport or per kept
 * connection, never as JGit's global session factory.
 */
final class PinnedSsh implements TransportConfigCallback, AutoCloseable {
  /** How long to wait for a peer to accept the TCP connection: a peer that is down fails fast. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /**
   * How long a peer may stay silent once connected. Generous: a receiver integrates a push before
   * it answers, which on a large folder takes a while.
   */
  static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

  /** The only ssh settings: no ~/.ssh/config is ever read. */
  private static final SshConfigStore.HostConfig SETTINGS = new SshConfigStore.HostConfig() {
    private final Map<String, String> options = options();

    @Override
    public String getValue(String key) {
      return options.get(key);
    }

    @Override
    public List<String> getValues(String key) {
      String value = options.get(key);
      return value == null ? List.of() : List.of(value);
    }

    @Override
    public Map<String, String> getOptions() {
      return options;
    }

    @Override
    public Map<String, List<String>> getMultiValuedOptions() {
      return Map.of();
    }
  };

  private static final SshConfigStore NO_USER_CONFIG = new SshConfigStore() {
    @Override
    public HostConfig lookup(String hostName, int port, String userName) {
      return SETTINGS;
    }

    @Override
    public HostConfig lookupDefault(String hostName, int port, String userName) {
      return SETTINGS;
    }
  };

  private static Map<String, String> options() {
    Map<String, String> options = new HashMap<>(ModernAlgorithms.clientOptions());
    options.put("ConnectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
    options.put("PreferredAuthentications", "publickey");
    return Map.copyOf(options);
  }

  private final SshdSessionFactory factory;
  private final PinnedHostKey hostKey;

  PinnedSsh(Path home, KeyPair identity, PinnedHostKey hostKey) {
    this.hostKey = hostKey;
    this.factory = new SshdSessionFactoryBuilder()
        .setHomeDirectory(home.toFile())
        .setSshDirectory(home.toFile())
        .setConfigStoreFactory((homeDir, configFile, localUser) -> NO_USER_CONFIG)
        .setDefaultKnownHostsFiles(sshDir -> List.of())
        .setDefaultIdentities(sshDir -> List.of())
        .setDefaultKeysProvider(sshDir -> List.of(identity))
        .setServerKeyDatabase((homeDir, sshDir) -> hostKey)
        .setPreferredAuthentications("publickey")
        .setConnectorFactory(null)
        .build(null);
  }

  @Override
  public void configure(Transport transport) {
    ((SshTransport) transport).setSshSessionFactory(factory);
    transport.setTimeout((int) READ_TIMEOUT.toSeconds());
  }

  SshdSessionFactory factory() {
    return factory;
  }

  PinnedHostKey hostKey() {
    return hostKey;
  }

  @Override
  public void close() {
    factory.close();
  }
}
