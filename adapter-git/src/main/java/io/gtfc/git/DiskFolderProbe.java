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
import java.util.OptionalLong;

/**
 * The folder root as the disk shows it. The device the folder was on is remembered in the git
 * directory (which lives beside the folder, on the parent's file system) the first time it is
 * looked at, so an unmounted disk, which leaves an empty directory on another device, is told
 * apart from the folder itself.
 */
public final class DiskFolderProbe implements FolderProbe {
  private static final String DEVICE_FILE = "gtfc-device";

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

  private static boolean sameDevice(FolderLayout folder) {
    String now = device(folder.folder());
    if (now == null) {
      return true;
    }
    Path remembered = folder.gitDir().resolve(DEVICE_FILE);
    try {
      if (!Files.exists(remembered)) {
        Files.writeString(remembered, now, StandardCharsets.UTF_8);
        return true;
      }
      return Files.readString(remembered, StandardCharsets.UTF_8).trim().equals(now);
    } catch (IOException e) {
      return true;
    }
  }

  private static String device(Path p) {
    try {
      return String.valueOf(Files.getAttribute(p, "unix:dev", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
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
