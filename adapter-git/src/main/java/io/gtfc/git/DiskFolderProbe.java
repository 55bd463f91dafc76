package io.gtfc.git;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The folder root as the disk shows it. Whether the folder is a mount point of its own (on another
 * device than its parent directory, where the git directory lives) is remembered in the git
 * directory the first time it is looked at; from then on an unmounted disk, which leaves an empty
 * directory on the parent's device, is told apart from the folder itself. Only that relation is
 * remembered, not a device number: numbers change across reboots and container restarts, and a
 * pinned number would then hold every commit forever.
 */
public final class DiskFolderProbe implements FolderProbe {
  private static final String MOUNT_FILE = "gtfc-mount";
  private static final String LEGACY_DEVICE_FILE = "gtfc-device";
  private static final String OWN_MOUNT = "own-mount";
  private static final String PARENTS_DEVICE = "parents-device";

  private final Function<Path, Optional<Object>> devices;
  /** What each git directory remembers, read once: this is asked before every commit and merge. */
  private final Map<Path, String> remembered = new ConcurrentHashMap<>();

  public DiskFolderProbe() {
    this(DiskFolderProbe::device);
  }

  /** With another way of telling a path's device, for tests that cannot mount a file system. */
  DiskFolderProbe(Function<Path, Optional<Object>> devices) {
    this.devices = devices;
  }

  @Override
  public RootState root(FolderLayout folder) {
    Path root = folder.folder();
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !Files.exists(folder.gitFile())) {
      return new RootState(false, false, false);
    }
    return new RootState(true, sameDevice(folder), empty(root));
  }

  @Override
  public int missing(FolderLayout folder, Collection<RelativePath> paths) {
    int missing = 0;
    for (RelativePath p : paths) {
      if (!Files.exists(folder.folder().resolve(p.value()), LinkOption.NOFOLLOW_LINKS)) {
        missing++;
      }
    }
    return missing;
  }

  @Override
  public OptionalLong usableSpace(FolderLayout folder) {
    try {
      return OptionalLong.of(Files.getFileStore(folder.folder()).getUsableSpace());
    } catch (IOException | SecurityException e) {
      return OptionalLong.empty();
    }
  }

  private boolean sameDevice(FolderLayout folder) {
    Path parent = folder.folder().toAbsolutePath().getParent();
    Optional<Object> here = devices.apply(folder.folder());
    Optional<Object> above = parent == null ? Optional.empty() : devices.apply(parent);
    if (here.isEmpty() || above.isEmpty()) {
      return true;
    }
    String now = here.equals(above) ? PARENTS_DEVICE : OWN_MOUNT;
    String then = remembered.computeIfAbsent(folder.gitDir(), gitDir -> rememberedOrPinned(gitDir, now));
    return then.equals(now);
  }

  /** What the git directory remembers; when it remembers nothing yet, {@code now}, written down. */
  private static String rememberedOrPinned(Path gitDir, String now) {
    Path file = gitDir.resolve(MOUNT_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      Files.writeString(file, now + "\n", StandardCharsets.UTF_8);
      Files.deleteIfExists(gitDir.resolve(LEGACY_DEVICE_FILE));
    } catch (IOException e) {
      // unreadable or unwritable: judge by what the folder looks like now
    }
    return now;
  }

  private static Optional<Object> device(Path p) {
    try {
      return Optional.ofNullable(Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean empty(Path root) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path e : entries) {
        if (!e.getFileName().toString().equals(".git")) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
