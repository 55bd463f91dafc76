package io.gtfc.domain;

import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * The name that identifies a node inside its cluster. It appears in ref names
 * ({@code refs/gtfc/inbox/<id>}), in the member files and in conflict copies, so it is kept to a
 * small, portable alphabet.
 */
@Value.Immutable
public abstract class NodeId implements Comparable<NodeId> {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  @Value.Parameter
  public abstract String value();

  public static NodeId of(String value) {
    return ImmutableNodeId.of(value);
  }

  @Value.Check
  protected void check() {
    if (!NAME.matcher(value()).matches()) {
      throw new IllegalArgumentException(
          "'" + value() + "' is not a valid node name: use 1 to 63 lowercase letters, digits, '-' or '_',"
              + " starting with a letter or digit (for example 'alpha')");
    }
  }

  @Override
  public int compareTo(NodeId other) {
    return value().compareTo(other.value());
  }

  @Override
  public String toString() {
    return value();
  }
}
