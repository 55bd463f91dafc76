package io.gtfc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.fakes.FakeNodeKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthorizedKeysFileTest {
  private static final SshPublicKey ALPHA = FakeNodeKeys.ed25519("alpha");
  private static final SshPublicKey BETA = FakeNodeKeys.ed25519("beta");

  @TempDir
  Path temp;

  @Test
  void oneLinePerKeyAddedReplacedNeverDuplicatedAndOtherLinesKept() throws Exception {
    Path file = temp.resolve("dot-ssh").resolve("authorized_keys");
    String own = "ssh-ed25519 " + BETA.base64() + " alice@laptop";
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# mine\n" + own + "\n");
    String line = OpenSshMode.authorizedKeysLine("/opt/gtfc/gtfc", Path.of("/home/alice/.gtfc"),
        Path.of("/home/alice/my share"), "alpha", false, ALPHA);
    String readOnly = OpenSshMode.authorizedKeysLine("/opt/gtfc/gtfc", Path.of("/home/alice/.gtfc"),
        Path.of("/home/alice/my share"), "alpha", true, ALPHA);

    assertThat(AuthorizedKeysFile.put(file, ALPHA, line)).isEqualTo(AuthorizedKeysFile.Change.ADDED);
    assertThat(AuthorizedKeysFile.put(file, ALPHA, line)).isEqualTo(AuthorizedKeysFile.Change.UNCHANGED);
    assertThat(AuthorizedKeysFile.put(file, ALPHA, readOnly)).isEqualTo(AuthorizedKeysFile.Change.REPLACED);

    assertThat(Files.readAllLines(file)).containsExactly("# mine", own, readOnly);
    assertThat(readOnly).isEqualTo("command=\"/opt/gtfc/gtfc --home /home/alice/.gtfc shell --read-only --node alpha"
        + " '/home/alice/my share'\",restrict " + ALPHA.openSsh() + " gtfc:alpha");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }

  @Test
  void aPathAnAuthorizedKeysLineCannotCarryIsRefused() {
    assertThatThrownBy(() -> OpenSshMode.authorizedKeysLine("/opt/gtfc/gtfc", Path.of("/home/alice/.gtfc"),
        Path.of("/home/alice/say \"hi\""), "alpha", false, ALPHA))
        .isInstanceOf(GtfcException.class)
        .hasMessageContaining("which an authorized_keys line cannot carry");
  }
}
