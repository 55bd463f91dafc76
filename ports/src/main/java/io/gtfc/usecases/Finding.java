package io.gtfc.usecases;

/**
 * One line of {@code gtfc doctor}: how a check went, and in the message what was found and, when
 * it is not OK, what to do.
 */
public record Finding(Level level, String check, String message) {
  /** How bad it is. */
  public enum Level {
    OK,
    /** Works, but something is likely to bite later. */
    WARN,
    /** Something does not work. */
    FAIL
  }

  public static Finding ok(String check, String message) {
    return new Finding(Level.OK, check, message);
  }

  public static Finding warn(String check, String message) {
    return new Finding(Level.WARN, check, message);
  }

  public static Finding fail(String check, String message) {
    return new Finding(Level.FAIL, check, message);
  }
}
