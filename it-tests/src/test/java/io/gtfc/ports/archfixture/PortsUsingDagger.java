package io.gtfc.ports.archfixture;

import dagger.Lazy;

/** A port value that knows about the wiring. */
public final class PortsUsingDagger {
  public Lazy<String> name;
}
