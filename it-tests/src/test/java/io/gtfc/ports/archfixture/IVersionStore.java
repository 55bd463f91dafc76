package io.gtfc.ports.archfixture;

/** An interface marked as one. */
public interface IVersionStore {}
