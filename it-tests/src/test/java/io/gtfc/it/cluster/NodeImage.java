package io.gtfc.it.cluster;

import com.github.dockerjava.api.exception.NotFoundException;
import io.gtfc.ssh.JdkEd25519Registrar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * The image every node runs: the base image (system property {@code gtfc.it.baseImage}, which
 * must already be local: nothing is ever pulled) plus the project's own {@code gtfc.jar} and a
 * launcher. Checks the engine, the base image and the jar first, and fails with one line that
 * says what to do.
 */
final class NodeImage {
  static final String DEFAULT_BASE_IMAGE = "gtfc-base:bookworm";
  private static final String TAG = "gtfc-it-node:latest";

  /** The CLI as a user runs it (the launcher's options); JGit must not look for a system git config. */
  private static final String LAUNCHER = """
      #!/bin/sh
      export GIT_CONFIG_NOSYSTEM=1
      exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \\
        %s \\
        -Dorg.slf4j.simpleLogger.defaultLogLevel="${GTFC_LOG:-warn}" \\
        -jar /opt/gtfc/gtfc.jar "$@"
      """.formatted(JdkEd25519Registrar.REGISTRARS_OPTION);

  /**
   * PID 1 of a node: idles until the container is stopped, then stops the daemon the way a host
   * going down would (SIGTERM, a few seconds to finish) before it exits.
   */
  private static final String KEEPALIVE = """
      #!/bin/sh
      stop() {
        pid=$(cat /data/daemon.pid 2>/dev/null)
        if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
          i=0
          while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
        fi
        exit 0
      }
      trap stop TERM INT
      while :; do sleep 1 & wait $!; done
      """;

  /**
   * Git and ps come with the local base image; a public JRE image may lack them, so they are
   * installed only when missing (which needs that image's package mirror).
   */
  private static final String DOCKERFILE = """
      FROM %s
      LABEL gtfc.it.node=true
      RUN command -v git >/dev/null && command -v ps >/dev/null \\
          || (apt-get update -qq && apt-get install -y -qq --no-install-recommends git procps \\
              && rm -rf /var/lib/apt/lists/*)
      COPY gtfc.jar /opt/gtfc/gtfc.jar
      COPY gtfc /usr/local/bin/gtfc
      COPY keepalive /opt/gtfc/keepalive
      ENV GTFC_HOME=/data/home GTFC_LOG=info
      WORKDIR /data
      CMD ["/opt/gtfc/keepalive"]
      """;

  private static volatile String built;

  private NodeImage() {}

  /** The base image this run uses. */
  static String baseImage() {
    String image = System.getProperty("gtfc.it.baseImage", "").trim();
    return image.isEmpty() ? DEFAULT_BASE_IMAGE : image;
  }

  /** Builds the node image once per test JVM, after checking everything it needs. */
  static synchronized String get() {
    if (built == null) {
      Path jar = jar();
      requireNoImageOfItsOwn();
      requireEngine();
      requireLocalBaseImage();
      built = new ImageFromDockerfile(TAG, false)
          .withFileFromString("Dockerfile", DOCKERFILE.formatted(baseImage()))
          .withFileFromPath("gtfc.jar", jar)
          .withFileFromTransferable("gtfc", Transferable.of(LAUNCHER, 0755))
          .withFileFromTransferable("keepalive", Transferable.of(KEEPALIVE, 0755))
          .withBuildImageCmdModifier(cmd -> cmd.withPull(false))
          .get();
    }
    return built;
  }

  private static Path jar() {
    Path jar = Paths.get(System.getProperty("gtfc.it.jar", "../app-cli/target/gtfc.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("container suite: " + jar + " is missing; build it first: ./mvnw -B verify"
          + " (or ./mvnw -B -DskipTests -pl app-cli -am package)");
    }
    return jar;
  }

  /**
   * Testcontainers pulls images of its own (Ryuk, and alpine to find the gateway) unless the
   * environment says not to, which Failsafe's configuration does; it is checked before anything
   * talks to Docker, so that the suite run some other way (surefire with -Dtest, an IDE) fails at
   * once instead of asking a registry.
   */
  private static void requireNoImageOfItsOwn() {
    for (String setting : List.of("TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_CHECKS_DISABLE")) {
      if (!"true".equals(System.getenv(setting))) {
        throw new IllegalStateException("container suite: " + setting + "=true is not set, so Testcontainers would"
            + " pull an image of its own; run the suite through Failsafe (./mvnw verify, -Dit.test=NAME), which sets it");
      }
    }
    if (System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
      throw new IllegalStateException("container suite: TESTCONTAINERS_HOST_OVERRIDE is not set, so Testcontainers"
          + " would start an image of its own to find the host; run the suite through Failsafe (./mvnw verify)");
    }
  }

  private static void requireEngine() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException("container suite: no Docker engine answers; run scripts/container-env.sh"
          + " as root (Debian), or start Docker, or leave the suite out with -DskipITs");
    }
  }

  private static void requireLocalBaseImage() {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(baseImage()).exec();
    } catch (NotFoundException e) {
      throw new IllegalStateException("container suite: base image " + baseImage() + " is not present locally and"
          + " is never pulled; run scripts/container-env.sh, or 'docker pull' a JRE image with git and pass"
          + " -Dgtfc.it.baseImage=IMAGE");
    }
  }
}
