package io.gtfc.watch.inotify.archfixture.internal;

import com.sun.jna.Structure;

/** A native memory layout where it belongs. */
@Structure.FieldOrder({"wd", "mask"})
public class InotifyEvent extends Structure {
  public int wd;
  public int mask;
}
