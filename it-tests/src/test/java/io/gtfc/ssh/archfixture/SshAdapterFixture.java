package io.gtfc.ssh.archfixture;

/** A well-behaved class of the SSH adapter, for others to depend on wrongly. */
public final class SshAdapterFixture {}
