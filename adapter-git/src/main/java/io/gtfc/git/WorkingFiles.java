package io.gtfc.git;

import io.gtfc.git.TreeFiles.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * The files of one folder's working tree as git sees them, addressed by git path: what a path
 * holds now, and atomic replacement and removal. Paths that lead through a symbolic link or that
 * name {@code .git} are never read through nor written.
 */
final class WorkingFiles {
  static final String TEMP_SUFFIX = ".gtfc-tmp";
  /** Files up to this size are read whole when staged; larger ones are streamed. */
  private static final long WHOLE_READ_LIMIT = 8L << 20;

  private final Path folder;
  private final boolean executableBits;
  /** Directories seen to be real directories (no link, no file) since the folder lock was taken. */
  private final Set<Path> realDirectories = new HashSet<>();

  WorkingFiles(Path folder) {
    this.folder = folder;
    this.executableBits = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** What the working tree holds at a path, with its stat data for the index. */
  record Found(FileEntry entry, long length, Instant modified) {
    boolean directory() {
      return FileMode.TREE.equals(entry.mode());
    }

  }

  /**
   * Whether the working tree holds what {@code expected} describes (null: nothing). Where the file
   * system has no execute bits, an executable and a regular file of equal content are the same.
   */
  boolean holds(Optional<Found> found, FileEntry expected) {
    if (expected == null || found.isEmpty()) {
      return expected == null && found.isEmpty();
    }
    FileEntry entry = found.get().entry();
    if (FileMode.GITLINK.equals(expected.mode())) {
      return found.get().directory(); // a nested repository: gtfc never writes into it
    }
    return expected.id().equals(entry.id()) && (expected.mode().equals(entry.mode())
        || !executableBits && regular(expected.mode()) && regular(entry.mode()));
  }

  private static boolean regular(FileMode mode) {
    return FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode);
  }

  static boolean namesGitFile(String gitPath) {
    for (String segment : gitPath.split("/")) {
      if (segment.equalsIgnoreCase(Constants.DOT_GIT)) {
        return true;
      }
    }
    return false;
  }

  Path resolve(String gitPath) {
    return folder.resolve(gitPath);
  }

  /**
   * What is at {@code gitPath}: a file (content id and mode), a directory (mode TREE), anything
   * else (mode MISSING, never equal to a tree's file); empty when nothing is there or when the
   * path leads through a file or a symbolic link.
   */
  Optional<Found> find(String gitPath) throws IOException {
    return find(gitPath, null);
  }

  /**
   * {@link #find}, remembering in {@code missing} (may be null) the directories found missing, and
   * asking nothing of the file system about a path below one of them: a parent found missing
   * answers for the whole path, without a stat of it.
   */
  Optional<Found> find(String gitPath, MissingDirectories missing) throws IOException {
    if (parents(gitPath, missing) != Parents.DIRECTORIES) {
      return Optional.empty();
    }
    Path file = resolve(gitPath);
    BasicFileAttributes attributes;
    try {
      attributes = lstat(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Instant modified = attributes.lastModifiedTime().toInstant();
    if (attributes.isDirectory()) {
      return Optional.of(new Found(new FileEntry(ObjectId.zeroId(), FileMode.TREE), 0, modified));
    }
    if (attributes.isSymbolicLink()) {
      byte[] target = Constants.encode(Files.readSymbolicLink(file).toString());
      ObjectId id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, target);
      return Optional.of(new Found(new FileEntry(id, FileMode.SYMLINK), target.length, modified));
    }
    if (!attributes.isRegularFile()) {
      return Optional.of(new Found(new FileEntry(ObjectId.zeroId(), FileMode.MISSING), 0, modified));
    }
    ObjectId id;
    try (InputStream in = Files.newInputStream(file)) {
      id = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, attributes.size(), in);
    }
    FileMode mode = fileMode(attributes);
    return Optional.of(new Found(new FileEntry(id, mode), attributes.size(), modified));
  }

  /**
   * Like {@link #find} but also stores the content as a blob, for staging. Reads and hashes a file
   * once: content the repository already holds (the echo of a checkout) is not compressed or
   * written again. When {@code known} (may be null) names a blob of the same length, the file is
   * first compared with it byte for byte, and if equal it is that blob, without hashing.
   */
  Optional<Found> store(String gitPath, ObjectInserter inserter, ObjectReader reader, ObjectId known)
      throws IOException {
    if (!reachable(gitPath)) {
      return Optional.empty();
    }
    Path file = resolve(gitPath);
    BasicFileAttributes attributes;
    try {
      attributes = lstat(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Instant modified = attributes.lastModifiedTime().toInstant();
    if (!attributes.isRegularFile()) {
      Optional<Found> found = find(gitPath);
      if (found.isEmpty() || !FileMode.SYMLINK.equals(found.get().entry().mode())) {
        return found;
      }
      ObjectId id = inserter.insert(Constants.OBJ_BLOB, Constants.encode(Files.readSymbolicLink(file).toString()));
      return Optional.of(new Found(new FileEntry(id, FileMode.SYMLINK), found.get().length(), found.get().modified()));
    }
    ObjectId id;
    long length = attributes.size();
    if (length <= WHOLE_READ_LIMIT) {
      byte[] content;
      try {
        content = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      length = content.length;
      id = holds(reader, known, content)
          ? known.copy()
          : inserter.insert(Constants.OBJ_BLOB, content); // hashes, then writes only what is missing
    } else {
      try (InputStream in = Files.newInputStream(file)) {
        id = inserter.insert(Constants.OBJ_BLOB, length, in);
      }
    }
    FileMode mode = fileMode(attributes);
    return Optional.of(new Found(new FileEntry(id, mode), length, modified));
  }

  /** Whether {@code known} (may be null) is a blob of the repository holding exactly {@code content}. */
  private static boolean holds(ObjectReader reader, ObjectId known, byte[] content) throws IOException {
    if (known == null) {
      return false;
    }
    try {
      // the size from the object's header first: an edit that changed the length inflates nothing
      return reader.getObjectSize(known, Constants.OBJ_BLOB) == content.length
          && Arrays.equals(reader.open(known, Constants.OBJ_BLOB).getCachedBytes(), content);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false; // the index names what the repository does not hold as a blob: hash the file
    }
  }

  /** The git paths of the files below a directory, skipping nested {@code .git} entries. */
  List<String> filesBelow(String gitPath) throws IOException {
    List<String> files = new ArrayList<>();
    Path root = resolve(gitPath);
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> folder.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
          .filter(p -> !namesGitFile(p))
          .forEach(files::add);
    }
    return files;
  }

  /**
   * Replaces whatever file is at {@code gitPath} with the blob, atomically: a reader sees the old or
   * the new file, and a crash leaves at most a temporary file beside it. Creates parents.
   *
   * @return the new file as found on disk, for the index
   */
  Found write(String gitPath, FileEntry entry, ObjectReader reader) throws IOException {
    Path target = resolve(gitPath);
    createParents(gitPath);
    Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
    boolean moved = false;
    try {
      if (FileMode.SYMLINK.equals(entry.mode())) {
        String link = RawParseUtils.decode(reader.open(entry.id(), Constants.OBJ_BLOB).getBytes());
        Files.createSymbolicLink(temp, Path.of(link));
      } else {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            OutputStream out = Channels.newOutputStream(channel)) {
          reader.open(entry.id(), Constants.OBJ_BLOB).copyTo(out);
        }
        if (entry.executable()) {
          setExecutable(temp, true); // a new file has no execute bits: only an executable needs a chmod
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp); // after the move it is gone: asking costs a failing stat per file
      }
    }
    BasicFileAttributes attributes =
        Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new Found(entry, attributes.size(), attributes.lastModifiedTime().toInstant());
  }

  /** Removes the file at {@code gitPath} (never a directory) and the directories it leaves empty. */
  void delete(String gitPath) throws IOException {
    if (!reachable(gitPath)) {
      return;
    }
    Path file = resolve(gitPath);
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.deleteIfExists(file);
    removeEmptyParents(file.getParent());
  }

  /** Temporary files a crash left beside {@code gitPath}; recovery deletes them. */
  void deleteTemporaryFilesBeside(String gitPath) throws IOException {
    Path target = resolve(gitPath);
    Path dir = target.getParent();
    if (!reachable(gitPath) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(dir, "." + escapeGlob(target.getFileName().toString()) + ".*" + TEMP_SUFFIX)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static String escapeGlob(String name) {
    return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
  }

  /**
   * Forgets which directories were found to be real directories: called when the folder lock is
   * taken, so that what is remembered is only what this holder of the lock saw. Checking every
   * parent of every path again costs a checkout of thousands of files tens of thousands of stats.
   */
  void forgetDirectories() {
    realDirectories.clear();
  }

  /** Whether no parent of {@code gitPath} inside the folder is a file or a symbolic link. */
  boolean reachable(String gitPath) {
    return reachable(gitPath, null);
  }

  /** {@link #reachable}, with directories found missing remembered as {@link #find(String, MissingDirectories)} does. */
  boolean reachable(String gitPath, MissingDirectories missing) {
    return parents(gitPath, missing) != Parents.BLOCKED;
  }

  /**
   * Directories found missing during one look at many paths that creates nothing (a checkout's
   * check for edits), each after all of its own parents were found directories or missing: a
   * second path below one costs no stat. Kept for that look only: what a user creates meanwhile
   * must be seen by the look that writes.
   */
  static final class MissingDirectories {
    private final Set<Path> directories = new HashSet<>();
  }

  /** What the parents of a path are: all directories, one or more missing (so is the path), one not a directory. */
  private enum Parents { DIRECTORIES, MISSING, BLOCKED }

  private Parents parents(String gitPath, MissingDirectories missing) {
    if (namesGitFile(gitPath)) {
      return Parents.BLOCKED;
    }
    List<Path> seen = new ArrayList<>();
    List<Path> absent = new ArrayList<>();
    Path dir = resolve(gitPath).getParent();
    while (dir != null && !dir.equals(folder) && !realDirectories.contains(dir)) {
      if (missing != null && missing.directories.contains(dir)) {
        absent.add(dir); // its own parents were looked at when it was found missing
        break;
      }
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException notThere) {
        attributes = null; // created when a file is written there
      }
      if (attributes == null) {
        absent.add(dir);
      } else if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
        return Parents.BLOCKED;
      } else {
        seen.add(dir);
      }
      dir = dir.getParent();
    }
    realDirectories.addAll(seen);
    if (absent.isEmpty()) {
      return Parents.DIRECTORIES;
    }
    if (missing != null) {
      missing.directories.addAll(absent);
    }
    return Parents.MISSING;
  }

  private void createParents(String gitPath) throws IOException {
    if (!reachable(gitPath)) {
      throw new IOException("'" + gitPath + "' leads through a file or a symbolic link");
    }
    Path parent = resolve(gitPath).getParent();
    if (!realDirectories.contains(parent)) {
      Files.createDirectories(parent);
      realDirectories.add(parent);
    }
  }

  private void removeEmptyParents(Path start) throws IOException {
    for (Path dir = start; dir != null && !dir.equals(folder) && dir.startsWith(folder);
        dir = dir.getParent()) {
      try {
        Files.delete(dir);
        realDirectories.remove(dir);
      } catch (DirectoryNotEmptyException stillUsed) {
        return;
      } catch (NoSuchFileException gone) {
        // removed meanwhile: look further up
      }
    }
  }

  /** What is at a path, not following a link; with the permissions where there are execute bits (one stat either way). */
  private BasicFileAttributes lstat(Path file) throws IOException {
    return executableBits
        ? Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
  }

  private static FileMode fileMode(BasicFileAttributes file) {
    return file instanceof PosixFileAttributes posix && posix.permissions().contains(PosixFilePermission.OWNER_EXECUTE)
        ? FileMode.EXECUTABLE_FILE
        : FileMode.REGULAR_FILE;
  }

  /** Execute bits follow the read bits, as git does on checkout. */
  private static void setExecutable(Path file, boolean executable) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    permissions.removeAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_EXECUTE));
    if (executable) {
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      if (permissions.contains(PosixFilePermission.GROUP_READ)) {
        permissions.add(PosixFilePermission.GROUP_EXECUTE);
      }
      if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
      }
    }
    view.setPermissions(permissions);
  }
}
