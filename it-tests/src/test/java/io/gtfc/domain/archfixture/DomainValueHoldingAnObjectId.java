package io.gtfc.domain.archfixture;

import org.eclipse.jgit.lib.ObjectId;

/** A domain value that leaks a JGit type. */
public final class DomainValueHoldingAnObjectId {
  public ObjectId commit;
}
