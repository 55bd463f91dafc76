package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Invitation;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.contracts.InviteBookContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInviteBookTest extends InviteBookContract {
  @TempDir
  Path temp;

  private Path home;

  @Override
  protected InviteBook newBook() {
    home = temp.resolve("node-home");
    return new FileInviteBook(home);
  }

  @Override
  protected InviteBook sameBook() {
    return new FileInviteBook(home);
  }

  @Test
  void anInvitationIsAPrivateFileNamedByTheHashOfItsSecret() throws Exception {
    Invitation invitation = invitation("a-secret-of-enough-length-1");
    new FileInviteBook(home).record(invitation);
    String name = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(invitation.secret().getBytes(StandardCharsets.UTF_8)));
    Path file = home.resolve("invites").resolve(name);
    assertThat(Files.readString(file).trim()).isEqualTo(invitation.token());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aRedeemedInvitationLeavesNoFile() throws Exception {
    Invitation invitation = invitation("a-secret-of-enough-length-2");
    InviteBook book = new FileInviteBook(home);
    book.record(invitation);
    book.redeem(invitation.secret());
    try (var files = Files.list(home.resolve("invites"))) {
      assertThat(files).isEmpty();
    }
  }
}
