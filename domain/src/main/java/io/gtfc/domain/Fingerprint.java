package io.gtfc.domain;

import java.util.regex.Pattern;
import org.immutables.value.Value;

/** An SSH key fingerprint as OpenSSH prints it: {@code SHA256:} followed by unpadded base64. */
@Value.Immutable
public abstract class Fingerprint {
  private static final Pattern FORM = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

  @Value.Parameter
  public abstract String value();

  public static Fingerprint of(String value) {
    return ImmutableFingerprint.of(value);
  }

  @Value.Check
  protected void check() {
    if (!FORM.matcher(value()).matches()) {
      throw new IllegalArgumentException(
          "'" + value() + "' is not a SHA256 key fingerprint like those 'ssh-keygen -l' prints");
    }
  }

  @Override
  public String toString() {
    return value();
  }
}
