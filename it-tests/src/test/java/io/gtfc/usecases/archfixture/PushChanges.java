package io.gtfc.usecases.archfixture;

/** A use case as it should look: one final class, one verb. */
public final class PushChanges {
  public void push() {}
}
