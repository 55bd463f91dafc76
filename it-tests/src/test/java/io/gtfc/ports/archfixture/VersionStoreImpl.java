package io.gtfc.ports.archfixture;

/** Named by pattern, not by technology + port. */
public final class VersionStoreImpl {}
