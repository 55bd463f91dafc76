package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Ed25519;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM started without {@link JdkEd25519Registrar#REGISTRARS_OPTION} (a plain {@code java -jar})
 * gets MINA's default, Bouncy Castle: keys made there and keys made with the JDK's EdDSA are the
 * same OpenSSH files, read and checked by either.
 */
class BouncyCastleFallbackTest {
  @TempDir
  Path temp;

  @Test
  void aJvmWithoutTheOptionMakesAndReadsKeysThroughBouncyCastleThatThisOneReads() throws Exception {
    KeyPair ours = OpenSshKeys.generate();
    Path ourFile = temp.resolve("ours");
    writePrivate(ourFile, OpenSshKeys.privateKeyFile(ours, "jdk"));
    Path theirFile = temp.resolve("theirs");

    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Child.class.getName(), ourFile.toString(), theirFile.toString())
        .redirectErrorStream(true).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("made org.bouncycastle").contains("read ours " + OpenSshKeys.toDomain(ours.getPublic()));
    KeyPair theirs = OpenSshKeys.read(theirFile);
    byte[] data = "gtfc-members 1\n".getBytes(StandardCharsets.UTF_8);
    assertThat(Ed25519.verifies(OpenSshKeys.toDomain(theirs.getPublic()), data, OpenSshKeys.sign(theirs, data))).isTrue();
    assertThat(OpenSshKeys.publicHalf(theirFile)).isEqualTo(OpenSshKeys.toDomain(theirs.getPublic()));
  }

  static void writePrivate(Path file, byte[] bytes) throws Exception {
    Files.write(file, bytes);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  /** Runs in the child JVM, with MINA's default registrars: reads args[0], writes a new key to args[1]. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      KeyPair made = OpenSshKeys.generate();
      writePrivate(Path.of(args[1]), OpenSshKeys.privateKeyFile(made, "bouncy castle"));
      KeyPair ours = OpenSshKeys.read(Path.of(args[0]));
      byte[] data = "signed in the child".getBytes(StandardCharsets.UTF_8);
      if (!Ed25519.verifies(OpenSshKeys.toDomain(ours.getPublic()), data, OpenSshKeys.sign(ours, data))) {
        throw new AssertionError("a signature with the JDK-made key did not verify");
      }
      for (String line : List.of("made " + made.getPublic().getClass().getName(),
          "read ours " + OpenSshKeys.toDomain(ours.getPublic()))) {
        System.out.println(line);
      }
    }
  }
}
