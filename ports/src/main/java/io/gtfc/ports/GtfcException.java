package io.gtfc.ports;

/**
 * An operation cannot continue. The message is one line a user can act on: what went wrong and
 * what to do. Expected outcomes (a peer offline during a push) are values in reports instead.
 */
public class GtfcException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Problem problem;

  public GtfcException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public GtfcException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
