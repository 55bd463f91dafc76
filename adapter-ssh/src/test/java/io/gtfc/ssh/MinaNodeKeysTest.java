package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gtfc.domain.MemberDirectory;
import io.gtfc.domain.SshPublicKey;
import io.gtfc.domain.SshSignature;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import io.gtfc.ports.contracts.NodeKeysContract;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinaNodeKeysTest extends NodeKeysContract {
  @TempDir
  Path temp;

  private Path home;

  @Override
  protected NodeKeys newKeys() {
    home = temp.resolve("node-home");
    return new MinaNodeKeys(home);
  }

  @Override
  protected NodeKeys sameHome() {
    return new MinaNodeKeys(home);
  }

  @Test
  void privateKeysAreOwnerOnlyAndTheHomeIsCreatedPrivate() throws Exception {
    new MinaNodeKeys(home).ensure();
    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(home.resolve("id_ed25519"))).isEqualTo("rw-------");
    assertThat(mode(home.resolve("ssh_host_ed25519_key"))).isEqualTo("rw-------");
    assertThat(mode(home.resolve("id_ed25519.pub"))).isEqualTo("rw-r--r--");
    try (var files = Files.list(home)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("id_ed25519", "id_ed25519.pub", "ssh_host_ed25519_key", "ssh_host_ed25519_key.pub");
    }
  }

  @Test
  void publicKeyFilesHoldThePublicHalves() throws Exception {
    NodeIdentity identity = new MinaNodeKeys(home).ensure();
    assertThat(SshPublicKey.parse(Files.readString(home.resolve("id_ed25519.pub")))).isEqualTo(identity.userKey());
    assertThat(SshPublicKey.parse(Files.readString(home.resolve("ssh_host_ed25519_key.pub"))))
        .isEqualTo(identity.hostKey());
  }

  @Test
  void aPrivateKeyOthersCanReadIsRefusedWithTheChmodToRun() throws Exception {
    new MinaNodeKeys(home).ensure();
    Path key = home.resolve("id_ed25519");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> new MinaNodeKeys(home).load())
        .isInstanceOf(GtfcException.class)
        .hasMessageEndingWith("run: chmod 600 " + key)
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.BAD_STATE);
  }

  @Test
  void problemsNameAMissingKeyAndAKeyOthersCanReadWithTheChmodToRun() throws Exception {
    assertThat(new MinaNodeKeys(home).problems()).hasSize(2).allMatch(p -> p.contains("is missing"));
    new MinaNodeKeys(home).ensure();
    assertThat(new MinaNodeKeys(home).problems()).isEmpty();

    Path key = home.resolve("ssh_host_ed25519_key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(new MinaNodeKeys(home).problems()).containsExactly(
        "the private key " + key + " may be read by other users (mode rw-r--r--): run: chmod 600 " + key);
  }

  @Test
  void aDamagedKeyIsReportedAsBadState() throws Exception {
    new MinaNodeKeys(home).ensure();
    Files.writeString(home.resolve("ssh_host_ed25519_key"), "not a key\n");

    assertThatThrownBy(() -> new MinaNodeKeys(home).ensure())
        .isInstanceOf(GtfcException.class)
        .hasMessageContaining("ssh_host_ed25519_key")
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.BAD_STATE);
  }

  @Test
  void openSshReadsTheKeys() throws Exception {
    assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen is not installed");
    NodeIdentity identity = new MinaNodeKeys(home).ensure();
    Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-y", "-f", home.resolve("id_ed25519").toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(SshPublicKey.parse(out)).isEqualTo(identity.userKey());
  }

  @Test
  void aMemberListSignatureVerifiesWithSshKeygen() throws Exception {
    assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen is not installed");
    MinaNodeKeys keys = new MinaNodeKeys(home);
    NodeIdentity identity = keys.ensure();
    byte[] message = "gtfc-members 1\nfile .gtfc/cluster 9\nid=abcde\n\n".getBytes(StandardCharsets.UTF_8);
    byte[] raw = keys.sign(SshSignature.toBeSigned(MemberDirectory.NAMESPACE, message));
    SshSignature signature = SshSignature.of(identity.userKey(), MemberDirectory.NAMESPACE, raw);
    Path sig = Files.writeString(temp.resolve("members.sig"), signature.armored());
    Path data = Files.write(temp.resolve("message"), message);
    Path allowed = Files.writeString(temp.resolve("allowed_signers"),
        "alpha namespaces=\"gtfc-members\" " + identity.userKey().openSsh() + "\n");

    Process verify = new ProcessBuilder("/usr/bin/ssh-keygen", "-Y", "verify", "-f", allowed.toString(),
        "-I", "alpha", "-n", "gtfc-members", "-s", sig.toString())
        .redirectInput(data.toFile()).redirectErrorStream(true).start();

    assertThat(verify.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String out = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.exitValue()).as(out).isZero();
    assertThat(out).contains("Good \"gtfc-members\" signature for alpha");
  }

  @Test
  void aSignatureSshKeygenMadeWithTheNodesKeyVerifies() throws Exception {
    assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen is not installed");
    NodeIdentity identity = new MinaNodeKeys(home).ensure();
    byte[] message = "any message\n".getBytes(StandardCharsets.UTF_8);
    Path data = Files.write(temp.resolve("message"), message);

    Process sign = new ProcessBuilder("/usr/bin/ssh-keygen", "-Y", "sign", "-f", home.resolve("id_ed25519").toString(),
        "-n", "gtfc-members", data.toString()).redirectErrorStream(true).start();

    assertThat(sign.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(sign.exitValue()).as(new String(sign.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    SshSignature read = SshSignature.parse(Files.readString(temp.resolve("message.sig")));
    assertThat(read.signer()).isEqualTo(identity.userKey());
    assertThat(read.verifies("gtfc-members", message)).isTrue();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
