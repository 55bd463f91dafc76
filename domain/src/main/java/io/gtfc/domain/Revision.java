package io.gtfc.domain;

import java.util.regex.Pattern;
import org.immutables.value.Value;

/** A commit of the synced folder, named by its 40-digit hexadecimal id. */
@Value.Immutable
public abstract class Revision {
  private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

  @Value.Parameter
  public abstract String id();

  public static Revision of(String id) {
    return ImmutableRevision.of(id);
  }

  @Value.Check
  protected void check() {
    if (!HEX40.matcher(id()).matches()) {
      throw new IllegalArgumentException("'" + id() + "' is not a revision id (40 lowercase hex digits)");
    }
  }

  /** The first 10 digits, enough to name a revision to a person. */
  public String abbreviated() {
    return id().substring(0, 10);
  }

  @Override
  public String toString() {
    return id();
  }
}
