package io.gtfc.watch.inotify.archfixture;

import com.sun.jna.Structure;

/** A native memory layout outside an internal package. */
@Structure.FieldOrder({"wd", "mask"})
public class InotifyEventStructure extends Structure {
  public int wd;
  public int mask;
}
