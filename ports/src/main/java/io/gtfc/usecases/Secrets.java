package io.gtfc.usecases;

import java.util.Base64;
import java.util.Random;

/** Random identifiers from the random source the use case was given (a SecureRandom in production). */
final class Secrets {
  private Secrets() {}

  static String base64url(Random random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String lowercaseId(Random random, int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
