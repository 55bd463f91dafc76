package io.gtfc.ssh;

import io.gtfc.domain.Invitation;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Pending invitations as files under {@code HOME/invites/}, one per invitation, named by the
 * SHA-256 of its secret (so a directory listing reveals no secret) and holding its token, mode
 * 0600. Redeeming deletes the file: the file system lets only one deleter succeed, which makes a
 * token good exactly once even when two processes present it at the same moment.
 */
public final class FileInviteBook implements InviteBook {
  private final Path dir;

  public FileInviteBook(Path home) {
    this.dir = home.toAbsolutePath().normalize().resolve("invites");
  }

  @Override
  public void record(Invitation invitation) {
    HomeFiles.privateDirectory(dir.getParent());
    HomeFiles.privateDirectory(dir);
    HomeFiles.replace(fileOf(invitation.secret()), (invitation.token() + "\n").getBytes(StandardCharsets.UTF_8), true);
  }

  @Override
  public Optional<Invitation> find(String secret) {
    return read(fileOf(secret));
  }

  @Override
  public Optional<Invitation> redeem(String secret) {
    Path file = fileOf(secret);
    Optional<Invitation> found = read(file);
    if (found.isEmpty()) {
      return found;
    }
    try {
      Files.delete(file);
      return found;
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot use up the invitation " + file + " (" + e.getMessage() + "): check the permissions of the node home", e);
    }
  }

  @Override
  public void forgetAll() {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        HomeFiles.delete(file);
      }
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot list the invitations in " + dir + ": " + e.getMessage(), e);
    }
    HomeFiles.delete(dir);
  }

  private Optional<Invitation> read(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot read the invitation " + file + ": " + e.getMessage(), e);
    }
    try {
      return Optional.of(Invitation.parse(token));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "the invitation file " + file + " is damaged: delete it and issue a new invitation", e);
    }
  }

  private Path fileOf(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
