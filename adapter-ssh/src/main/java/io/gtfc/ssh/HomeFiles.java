package io.gtfc.ssh;

import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files in the node home: private directories and files that are never readable by others, written atomically. */
final class HomeFiles {
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> PUBLIC_FILE = PosixFilePermissions.fromString("rw-r--r--");

  private HomeFiles() {}

  /** Creates {@code dir} mode 0700 if missing (its parents with the default mode). */
  static void privateDirectory(Path dir) {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createDirectory(dir, attributes(dir.toAbsolutePath().getParent(), OWNER_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw new GtfcException(Problem.ENVIRONMENT, dir + " exists but is not a directory: move it away or choose another --home");
      }
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
  }

  /**
   * Publishes {@code content} at {@code target} mode 0600 unless a file is already there. The
   * bytes go to a temporary file created 0600, which is then linked in place: a reader never sees
   * a partial file, and of two writers racing only one wins.
   *
   * @return whether this call created the file
   */
  static boolean createPrivate(Path target, byte[] content) {
    Path temp = writeTemp(target, content, OWNER_FILE);
    try {
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException | UnsupportedOperationException noHardLinks) {
      try {
        Files.move(temp, target);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw cannotWrite(target, e);
      }
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Replaces {@code target} atomically with {@code content}, mode 0600 or 0644. */
  static void replace(Path target, byte[] content, boolean secret) {
    Path temp = writeTemp(target, content, secret ? OWNER_FILE : PUBLIC_FILE);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw cannotWrite(target, e);
    } finally {
      deleteQuietly(temp);
    }
  }

  /** Deletes {@code file}; nothing when it is absent. */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot delete " + file + " (" + e.getMessage() + "): check the permissions of the node home", e);
    }
  }

  /** Refuses a private file that group or others may read or write. */
  static void checkPrivate(Path file) {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return;
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT, "cannot read " + file + ": " + e.getMessage(), e);
    }
    Set<PosixFilePermission> open = EnumSet.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    open.retainAll(perms);
    if (!open.isEmpty()) {
      throw new GtfcException(Problem.BAD_STATE,
          "the private key " + file + " may be read by other users (mode "
              + PosixFilePermissions.toString(perms) + "): run: chmod 600 " + file);
    }
  }

  private static Path writeTemp(Path target, byte[] content, Set<PosixFilePermission> mode) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attributes(dir, OWNER_FILE));
      try {
        Files.write(temp, content);
        if (!mode.equals(OWNER_FILE) && supportsPosix(dir)) {
          Files.setPosixFilePermissions(temp, mode);
        }
        return temp;
      } catch (IOException | RuntimeException e) {
        deleteQuietly(temp);
        throw e;
      }
    } catch (IOException e) {
      throw cannotWrite(target, e);
    }
  }

  private static FileAttribute<?>[] attributes(Path dir, Set<PosixFilePermission> mode) {
    return supportsPosix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
        : new FileAttribute<?>[0];
  }

  private static boolean supportsPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temporary file is harmless: its name starts with a dot and it is private
    }
  }

  static GtfcException cannotWrite(Path path, IOException e) {
    return new GtfcException(Problem.ENVIRONMENT,
        "cannot write " + path + " (" + e.getMessage() + "): check the permissions and free space of the node home", e);
  }
}
