package io.gtfc.domain;

import java.util.regex.Pattern;
import org.immutables.value.Value;

/** A cluster's identity, chosen at bootstrap; a join token is only good for its own cluster. */
@Value.Immutable
public abstract class ClusterId {
  private static final Pattern FORM = Pattern.compile("[a-z0-9]{8,64}");

  @Value.Parameter
  public abstract String value();

  public static ClusterId of(String value) {
    return ImmutableClusterId.of(value);
  }

  @Value.Check
  protected void check() {
    if (!FORM.matcher(value()).matches()) {
      throw new IllegalArgumentException("'" + value() + "' is not a cluster id (8 to 64 lowercase letters or digits)");
    }
  }

  @Override
  public String toString() {
    return value();
  }
}
