package io.gtfc.git.archfixture;

/** A name JGit already owns. */
public final class Repository {}
