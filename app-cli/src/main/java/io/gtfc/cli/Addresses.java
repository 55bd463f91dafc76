package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Defaults for a node's name and addresses, derived from the host it runs on. */
final class Addresses {
  static final Endpoint DEFAULT_LISTEN = Endpoint.of("0.0.0.0", NodeSettings.DEFAULT_PORT);

  private Addresses() {}

  /** What peers should dial: the listen address, unless it is a wildcard; then this host's name. */
  static Endpoint advertised(Endpoint listen, Map<String, String> env) {
    String host = listen.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0")) {
      return Endpoint.of(hostName(env), listen.port());
    }
    return listen;
  }

  /** This host's short name, made into a valid node name ("Web-01.example.org" becomes "web-01"). */
  static NodeId defaultName(Map<String, String> env) {
    String host = hostName(env).toLowerCase(Locale.ROOT);
    int dot = host.indexOf('.');
    String shortName = (dot > 0 ? host.substring(0, dot) : host).replaceAll("[^a-z0-9_-]", "-");
    shortName = shortName.replaceAll("^[-_]+", "");
    if (shortName.isEmpty()) {
      shortName = "node";
    }
    return NodeId.of(shortName.length() > 63 ? shortName.substring(0, 63) : shortName);
  }

  private static String hostName(Map<String, String> env) {
    String fromEnv = env.get("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    try {
      String etc = Files.readString(Path.of("/etc/hostname")).trim();
      if (!etc.isEmpty()) {
        return etc;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: not every system has /etc/hostname
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** The name and addresses a bootstrap or join settles on, from options, saved settings and defaults. */
  record Chosen(NodeHome home, NodeSettings settings, NodeId name, Endpoint listen, Endpoint advertise) {
    /** Saves the addresses in the node home, so that 'serve' finds them. */
    void remember(Path folder) {
      settings.with(listen, advertise, folder).save();
    }
  }

  static Chosen choose(GtfcCommand gtfc, NodeId name, Endpoint listen, Endpoint advertise) {
    NodeHome home = gtfc.nodeHome();
    NodeSettings settings = NodeSettings.load(home);
    settings.folder().filter(f -> Files.exists(f.resolve(".git"))).ifPresent(f -> {
      throw new io.gtfc.ports.GtfcException(io.gtfc.ports.Problem.BAD_STATE, "the node home " + home.path()
          + " already belongs to the folder " + f + ": give this node its own --home");
    });
    Endpoint l = listen != null ? listen : settings.listen().orElse(DEFAULT_LISTEN);
    Endpoint a = advertise != null ? advertise : advertised(l, gtfc.console().env());
    NodeId n = name != null ? name : defaultName(gtfc.console().env());
    return new Chosen(home, settings, n, l, a);
  }
}
