package io.gtfc.cli.archfixture;

import dagger.internal.DaggerGenerated;

/** Shaped like Dagger's output for a component: the implementation nests as {@code ...Impl}. */
@DaggerGenerated
public final class DaggerFixtureComponent {
  /** The nested implementation class Dagger generates. */
  public static final class FixtureComponentImpl {}
}
