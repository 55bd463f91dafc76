package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns option text into domain values, with the domain's own one-line explanation on failure. */
final class Converters {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|[smhd])");

  private Converters() {}

  static void register(CommandLine cli) {
    cli.registerConverter(NodeId.class, domain(NodeId::of));
    cli.registerConverter(Endpoint.class, domain(s -> Endpoint.parse(s, NodeSettings.DEFAULT_PORT)));
    cli.registerConverter(Duration.class, Converters::duration);
  }

  /** Parses {@code 500ms}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}, or an ISO-8601 duration such as {@code PT1H}. */
  static Duration duration(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new TypeConversionException("'" + text + "' is not a duration: use e.g. 90s, 30m, 1h or 2d");
    }
  }

  private static <T> ITypeConverter<T> domain(ITypeConverter<T> parse) {
    return text -> {
      try {
        return parse.convert(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    };
  }
}
