package io.gtfc.ports.archfixture;

/** Named by pattern, not by role. */
public interface VersionStorePort {}
