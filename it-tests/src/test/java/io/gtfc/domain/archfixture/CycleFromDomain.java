package io.gtfc.domain.archfixture;

import io.gtfc.ports.archfixture.CycleFromPorts;

/** Half of a cycle between the domain and the ports slices. */
public final class CycleFromDomain {
  public CycleFromPorts other;
}
