package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshKeysTest {
  @TempDir
  Path temp;

  @Test
  void thePublicHalfReadWithoutMinaIsTheOneMinaDerives() throws Exception {
    for (int i = 0; i < 20; i++) {
      KeyPair pair = OpenSshKeys.generate();
      byte[] file = OpenSshKeys.privateKeyFile(pair, "key " + i);

      assertThat(OpenSshKeys.unencryptedEd25519(file)).contains(OpenSshKeys.toDomain(pair.getPublic()));
    }
  }

  @Test
  void aKeyMadeBySshKeygenIsReadToo() throws Exception {
    assumeTrue(new File("/usr/bin/ssh-keygen").canExecute(), "ssh-keygen is not installed");
    Path key = temp.resolve("id_ed25519");
    Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "a comment",
        "-f", key.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();

    SshPublicKey fromPub = SshPublicKey.parse(Files.readString(temp.resolve("id_ed25519.pub")));
    assertThat(OpenSshKeys.unencryptedEd25519(Files.readAllBytes(key))).contains(fromPub);
    assertThat(OpenSshKeys.publicHalf(key)).isEqualTo(fromPub);
  }

  @Test
  void aFileWhoseHeaderNamesAnotherKeyIsRefusedAsDamaged() throws Exception {
    Path key = temp.resolve("id_ed25519");
    Files.write(key, withHeaderKeyOf(OpenSshKeys.privateKeyFile(OpenSshKeys.generate(), "mine"),
        OpenSshKeys.privateKeyFile(OpenSshKeys.generate(), "someone else's")));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    // MINA would pair the header's public key with the private one
    assertThatThrownBy(() -> OpenSshKeys.publicHalf(key)).isInstanceOf(GtfcException.class)
        .hasMessage("cannot read the key " + key + " (its public and private parts name different keys):"
            + " it is damaged; move it away and run the command again")
        .extracting(e -> ((GtfcException) e).problem()).isEqualTo(Problem.BAD_STATE);
  }

  @Test
  void aDamagedFileIsStillReportedByMina() throws Exception {
    Path key = temp.resolve("id_ed25519");
    Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> OpenSshKeys.publicHalf(key)).isInstanceOf(GtfcException.class)
        .hasMessageContaining("cannot read the key " + key);
  }

  @Test
  void otherContentIsNotReadHere() {
    assertThat(OpenSshKeys.unencryptedEd25519("not a key\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(OpenSshKeys.unencryptedEd25519(("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n"
        + "-----END OPENSSH PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  /** {@code mine} with the header's public key blob replaced by the one of {@code other}. */
  private static byte[] withHeaderKeyOf(byte[] mine, byte[] other) {
    ByteBuffer a = ByteBuffer.wrap(body(mine));
    ByteBuffer b = ByteBuffer.wrap(body(other));
    // the magic, "none" twice (a length and 4 bytes each), "" (a length), the key count, the blob's length
    int headerBlob = "openssh-key-v1\0".length() + 8 + 8 + 4 + 4 + 4;
    byte[] out = a.array().clone();
    // both blobs are 51 bytes ("ssh-ed25519" and 32 key bytes), at the same place
    System.arraycopy(b.array(), headerBlob, out, headerBlob, 51);
    return ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(out)
        + "\n-----END OPENSSH PRIVATE KEY-----\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] body(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    return Base64.getMimeDecoder().decode(text.substring(text.indexOf('\n') + 1, text.indexOf("-----END")));
  }
}
