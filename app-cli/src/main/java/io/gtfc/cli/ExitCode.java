package io.gtfc.cli;

import io.gtfc.ports.Problem;

/** Every exit code gtfc uses, in one place; `gtfc --help` prints this table. */
enum ExitCode {
  OK(0, "done"),
  PARTIAL(1, "partly done: a peer down or refusing, not in sync, or a check failed"),
  BAD_INPUT(2, "bad command line or input: a path, name, address or token"),
  BAD_STATE(3, "the folder or node is not in a state that allows this"),
  UNREACHABLE(4, "a peer or the network could not be reached"),
  REFUSED(5, "refused: not allowed, read-only, a spent token, or an unsafe undo"),
  ENVIRONMENT(6, "the machine stopped us: port in use, disk, permissions"),
  INTERNAL(70, "internal error (a bug): run again with --debug and report it");

  final int code;
  final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  static ExitCode of(Problem problem) {
    return switch (problem) {
      case BAD_INPUT -> BAD_INPUT;
      case BAD_STATE -> BAD_STATE;
      case UNREACHABLE -> UNREACHABLE;
      case REFUSED -> REFUSED;
      case ENVIRONMENT -> ENVIRONMENT;
    };
  }

  /** The table `--help` prints, in code order. */
  static java.util.Map<String, String> helpTable() {
    java.util.Map<String, String> table = new java.util.LinkedHashMap<>();
    for (ExitCode c : values()) {
      // not String.format: its Formatter loads the locale's number data, ~8 ms of every start
      String code = Integer.toString(c.code);
      table.put("   ".substring(code.length()) + code, c.meaning);
    }
    return table;
  }
}
