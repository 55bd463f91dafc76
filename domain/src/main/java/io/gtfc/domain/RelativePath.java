package io.gtfc.domain;

import org.immutables.value.Value;

/**
 * A path inside a synced folder, with '/' between segments. It can never be absolute, empty,
 * or step outside the folder: no {@code ..}, no {@code .}, no empty segment.
 */
@Value.Immutable
public abstract class RelativePath implements Comparable<RelativePath> {
  @Value.Parameter
  public abstract String value();

  public static RelativePath of(String value) {
    return ImmutableRelativePath.of(value);
  }

  @Value.Check
  protected void check() {
    String v = value();
    if (v.isEmpty()) {
      throw new IllegalArgumentException("a path inside the folder is empty");
    }
    if (v.startsWith("/") || v.matches("^[A-Za-z]:.*") || v.indexOf('\\') >= 0) {
      throw new IllegalArgumentException(
          "'" + v + "' is not relative to the folder: give a path like 'notes/todo.txt'");
    }
    if (v.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a path inside the folder holds a NUL character");
    }
    for (String segment : v.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "'" + v + "' is not a plain path inside the folder: no empty, '.' or '..' segments");
      }
    }
  }

  /** The last segment, e.g. {@code todo.txt} for {@code notes/todo.txt}. */
  public String fileName() {
    return value().substring(value().lastIndexOf('/') + 1);
  }

  public boolean startsWith(RelativePath prefix) {
    return value().equals(prefix.value()) || value().startsWith(prefix.value() + "/");
  }

  public RelativePath resolve(String child) {
    return of(value() + "/" + child);
  }

  @Override
  public int compareTo(RelativePath other) {
    return value().compareTo(other.value());
  }

  @Override
  public String toString() {
    return value();
  }
}
