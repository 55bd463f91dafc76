package io.gtfc.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import org.immutables.value.Value;

/**
 * A one-time join token: where the inviting node listens, the fingerprint of its host key (so
 * the joiner trusts nothing on first use), the role the new member gets, and a secret that the
 * inviter accepts once, before the token expires.
 */
@Value.Immutable
public abstract class Invitation {
  static final String PREFIX = "gtfc1.";
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{22,86}");

  public abstract ClusterId cluster();

  public abstract NodeId inviter();

  public abstract Endpoint endpoint();

  public abstract Fingerprint hostKeyFingerprint();

  public abstract Role role();

  /** The one-time secret; base64url, at least 128 bits. */
  public abstract String secret();

  public abstract Instant expiresAt();

  public static ImmutableInvitation.Builder builder() {
    return ImmutableInvitation.builder();
  }

  @Value.Check
  protected void check() {
    if (!SECRET.matcher(secret()).matches()) {
      throw new IllegalArgumentException("an invitation secret must be 22 to 86 base64url characters");
    }
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt());
  }

  /** The token as {@code gtfc invite} prints it: one line, safe to paste into a shell. */
  public String token() {
    String payload = String.join("\n",
        cluster().value(),
        inviter().value(),
        endpoint().toString(),
        hostKeyFingerprint().value(),
        role().label(),
        secret(),
        Long.toString(expiresAt().getEpochSecond()));
    payload = payload + "\n" + checksum(payload);
    return PREFIX + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token back.
   *
   * @throws IllegalArgumentException saying what is wrong with it and what to do
   */
  public static Invitation parse(String token) {
    String t = token.trim();
    if (!t.startsWith(PREFIX)) {
      throw new IllegalArgumentException(
          "this is not a gtfc join token (it should start with '" + PREFIX + "'): copy the whole line 'gtfc invite' printed");
    }
    String[] f;
    try {
      f = new String(Base64.getUrlDecoder().decode(t.substring(PREFIX.length())), StandardCharsets.UTF_8)
          .split("\n", -1);
    } catch (IllegalArgumentException e) {
      throw damaged();
    }
    if (f.length != 8 || !f[7].equals(checksum(String.join("\n", java.util.Arrays.copyOf(f, 7))))) {
      throw damaged();
    }
    try {
      return builder()
          .cluster(ClusterId.of(f[0]))
          .inviter(NodeId.of(f[1]))
          .endpoint(Endpoint.parse(f[2], 22))
          .hostKeyFingerprint(Fingerprint.of(f[3]))
          .role(Role.parse(f[4]))
          .secret(f[5])
          .expiresAt(Instant.ofEpochSecond(Long.parseLong(f[6])))
          .build();
    } catch (IllegalArgumentException e) {
      throw damaged();
    }
  }

  /** A CRC-32 over the fields, so that a token cut short by a copy and paste is caught, not misread. */
  private static String checksum(String payload) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(payload.getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  private static IllegalArgumentException damaged() {
    return new IllegalArgumentException(
        "this join token is damaged or incomplete: copy the whole line 'gtfc invite' printed, or ask for a new one");
  }

  @Override
  public String toString() {
    return "invitation to " + cluster() + " via " + inviter() + " at " + endpoint() + " as " + role();
  }
}
