package io.gtfc.cli;

import java.nio.file.Path;
import java.util.Map;

/** The directory that holds one node's keys and local settings: --home, else $GTFC_HOME, else ~/.gtfc. */
record NodeHome(Path path) {
  static NodeHome resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return new NodeHome(option.toAbsolutePath().normalize());
    }
    String fromEnv = env.get("GTFC_HOME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new NodeHome(Path.of(fromEnv).toAbsolutePath().normalize());
    }
    String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
    return new NodeHome(Path.of(userHome, ".gtfc").toAbsolutePath().normalize());
  }
}
