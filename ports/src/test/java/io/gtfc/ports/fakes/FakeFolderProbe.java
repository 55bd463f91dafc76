package io.gtfc.ports.fakes;

import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import java.util.Collection;

/**
 * A folder probe over an {@link InMemoryVersionStores} "disk": the folder is present while it is a
 * gtfc folder there, empty when its working tree is; tests unplug it or move it to another device.
 */
public final class FakeFolderProbe implements FolderProbe {
  private final InMemoryVersionStores disk;
  private volatile boolean unplugged;
  private volatile boolean otherDevice;

  public FakeFolderProbe(InMemoryVersionStores disk) {
    this.disk = disk;
  }

  /**
   * A probe that finds every folder present, on its device, not empty and missing nothing: for
   * tests about something else than the deletion guard.
   */
  public static FolderProbe alwaysFine() {
    return new FolderProbe() {
      @Override
      public RootState root(FolderLayout folder) {
        return new RootState(true, true, false);
      }

      @Override
      public int missing(FolderLayout folder, Collection<RelativePath> paths) {
        return 0;
      }
    };
  }

  /** As if the disk holding the folder were unmounted. */
  public void unplug() {
    unplugged = true;
  }

  /** As if an empty directory on another file system now stood where the folder was. */
  public void moveToAnotherDevice() {
    otherDevice = true;
  }

  @Override
  public RootState root(FolderLayout folder) {
    if (unplugged || !disk.exists(folder)) {
      return new RootState(false, false, false);
    }
    return new RootState(true, !otherDevice, disk.workingTreeIsEmpty(folder));
  }

  @Override
  public int missing(FolderLayout folder, Collection<RelativePath> paths) {
    return (int) paths.stream().filter(p -> disk.readInWorkingTree(folder, p).isEmpty()).count();
  }
}
