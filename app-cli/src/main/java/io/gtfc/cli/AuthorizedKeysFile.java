package io.gtfc.cli;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenSSH {@code authorized_keys} file that gtfc adds lines to: one line per key, replaced
 * rather than duplicated, the file mode 0600 (and a new {@code ~/.ssh} 0700), written atomically.
 */
final class AuthorizedKeysFile {
  /** What an update did. */
  enum Change { ADDED, REPLACED, UNCHANGED }

  private AuthorizedKeysFile() {}

  /** Makes {@code line} the only line of {@code file} for {@code key}. */
  static Change put(Path file, SshPublicKey key, String line) {
    List<String> lines = new ArrayList<>();
    try {
      if (Files.exists(file)) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot read " + file + ": " + e.getMessage(), e);
    }
    Change change = Change.ADDED;
    List<String> next = new ArrayList<>();
    for (String existing : lines) {
      if (holds(existing, key)) {
        if (change == Change.ADDED) {
          change = existing.equals(line) ? Change.UNCHANGED : Change.REPLACED;
          next.add(line);
        } else {
          change = Change.REPLACED;
        }
      } else {
        next.add(existing);
      }
    }
    if (change == Change.ADDED) {
      next.add(line);
    }
    if (change != Change.UNCHANGED || !isPrivate(file)) {
      write(file, next);
    }
    return change;
  }

  /** Whether an authorized_keys line is for {@code key}, whatever its options and comment. */
  static boolean holds(String line, SshPublicKey key) {
    String trimmed = line.trim();
    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
      return false;
    }
    // options come first and end at a space: the key is always "TYPE BASE64" between spaces
    return (" " + trimmed + " ").contains(" " + key.algorithm() + " " + key.base64() + " ");
  }

  private static boolean isPrivate(Path file) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).equals("rw-------");
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static void write(Path file, List<String> lines) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path temp = Files.createTempFile(dir, ".authorized_keys.", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(temp, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
