package io.gtfc.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names for the losing side of a conflict, kept beside the winner:
 * {@code NAME.sync-conflict-YYYYMMDD-HHMMSS-NODE.EXT}, in the winner's directory.
 */
public final class ConflictCopies {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Pattern COPY =
      Pattern.compile("^(.*)\\.sync-conflict-(\\d{8}-\\d{6})-([a-z0-9][a-z0-9_-]*?)(?:-(\\d+))?(\\.[^.]*)?$");

  private ConflictCopies() {}

  /** The conflict copy name for {@code path} from {@code node} at {@code time}; {@code n > 1} disambiguates. */
  public static RelativePath name(RelativePath path, NodeId node, Instant time, int n) {
    String file = path.fileName();
    int dot = file.lastIndexOf('.');
    String stem = dot > 0 ? file.substring(0, dot) : file;
    String ext = dot > 0 ? file.substring(dot) : "";
    String copy = stem + ".sync-conflict-" + STAMP.format(time) + "-" + node + (n > 1 ? "-" + n : "") + ext;
    String dir = path.value().substring(0, path.value().length() - file.length());
    return RelativePath.of(dir + copy);
  }

  /** Whether {@code path} is a conflict copy, and if so of which path, from which node. */
  public static Optional<Origin> origin(RelativePath path) {
    Matcher m = COPY.matcher(path.fileName());
    if (!m.matches()) {
      return Optional.empty();
    }
    String dir = path.value().substring(0, path.value().length() - path.fileName().length());
    String original = dir + m.group(1) + (m.group(5) == null ? "" : m.group(5));
    try {
      return Optional.of(new Origin(RelativePath.of(original), NodeId.of(m.group(3)), m.group(2)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Where a conflict copy came from: the path it conflicted at, the losing node, its time stamp. */
  public record Origin(RelativePath original, NodeId node, String stamp) {}
}
