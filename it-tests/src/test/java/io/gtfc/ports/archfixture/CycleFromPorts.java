package io.gtfc.ports.archfixture;

import io.gtfc.domain.archfixture.CycleFromDomain;

/** The other half of a cycle between the domain and the ports slices. */
public final class CycleFromPorts {
  public CycleFromDomain other;
}
