package io.gtfc.git.archfixture;

import com.sun.jna.Pointer;

/** Native calls outside the watchers. */
public final class GitAdapterUsingJna {
  public Pointer memory;
}
