package io.gtfc.usecases;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line a git client sends over SSH, read by exact form (no shell ever parses it):
 * {@code git-upload-pack 'PATH'} or {@code git-receive-pack 'PATH'}.
 */
final class ShellRequest {
  static final String REPOSITORY_NAME = "gtfc";
  private static final Pattern FORM = Pattern.compile("git[- ](upload|receive)-pack '([^'\\\\!]*)'");

  final boolean push;
  final String path;

  private ShellRequest(boolean push, String path) {
    this.push = push;
    this.path = path;
  }

  static Optional<ShellRequest> parse(String line) {
    Matcher m = FORM.matcher(line);
    return m.matches() ? Optional.of(new ShellRequest(m.group(1).equals("receive"), m.group(2))) : Optional.empty();
  }

  /** Whether a line was meant for git, whose client reads a refusal from the protocol stream. */
  static boolean looksLikeGit(String line) {
    return line.startsWith("git-upload-pack") || line.startsWith("git-receive-pack")
        || line.startsWith("git upload-pack") || line.startsWith("git receive-pack");
  }

  /**
   * Whether the path names the served folder: {@code gtfc} or {@code /gtfc} (what gtfc's peers
   * send), the folder's absolute path, or a path relative to the account's home ({@code ~/share},
   * {@code share}). Compared as text: no {@code ..}, and a symlink to the folder is another path.
   */
  boolean names(Path folder, Optional<Path> accountHome) {
    String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    if (p.equals(REPOSITORY_NAME) || p.equals("/" + REPOSITORY_NAME)) {
      return true;
    }
    if (p.isEmpty() || p.contains("\0") || p.equals("..") || p.startsWith("../") || p.contains("/../")
        || p.endsWith("/..") || p.contains("/./") || p.contains("//")) {
      return false;
    }
    if (p.startsWith("/")) {
      return Path.of(p).equals(folder);
    }
    if (accountHome.isEmpty()) {
      return false;
    }
    String relative = p.startsWith("~/") ? p.substring(2) : p;
    return !relative.startsWith("~") && !relative.isEmpty() && accountHome.get().resolve(relative).equals(folder);
  }

  /** One printable line naming what was refused. */
  static String printable(String line) {
    StringBuilder out = new StringBuilder("'");
    line.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.append(line.length() > 80 ? "...'" : "'").toString();
  }
}
