package io.gtfc.ssh;

import java.util.Optional;

/** The only commands a peer may run, recognised by exact text: no shell parsing, no other path. */
enum ExecRequest {
  UPLOAD_PACK,
  RECEIVE_PACK,
  JOIN,
  LEAVE;

  static final String REPOSITORY_PATH = "/gtfc";

  static Optional<ExecRequest> parse(String line) {
    switch (line) {
      case "git-upload-pack '/gtfc'":
      case "git-upload-pack 'gtfc'":
        return Optional.of(UPLOAD_PACK);
      case "git-receive-pack '/gtfc'":
      case "git-receive-pack 'gtfc'":
        return Optional.of(RECEIVE_PACK);
      case "gtfc-join":
        return Optional.of(JOIN);
      case "gtfc-leave":
        return Optional.of(LEAVE);
      default:
        return Optional.empty();
    }
  }

  /** Whether a refused line was meant for git, whose client reads a refusal from the protocol stream. */
  static boolean looksLikeGit(String line) {
    return line.startsWith("git-upload-pack") || line.startsWith("git-receive-pack")
        || line.startsWith("git upload-pack") || line.startsWith("git receive-pack");
  }

  /** The refusal for a line that is none of the commands: one line, safe to print. */
  static String refusal(String line) {
    if (looksLikeGit(line)) {
      return "only the folder '" + REPOSITORY_PATH + "' is served here: refused " + printable(line);
    }
    return "this server runs only git-upload-pack '" + REPOSITORY_PATH + "', git-receive-pack '"
        + REPOSITORY_PATH + "', gtfc-join and gtfc-leave: refused " + printable(line);
  }

  private static String printable(String line) {
    StringBuilder out = new StringBuilder("'");
    line.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.append(line.length() > 80 ? "...'" : "'").toString();
  }
}
