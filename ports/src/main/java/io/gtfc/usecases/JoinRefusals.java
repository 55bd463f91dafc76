package io.gtfc.usecases;

import io.gtfc.domain.Invitation;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;

/** The refusals a join token can meet, worded the same on both sides of a join. */
final class JoinRefusals {
  private JoinRefusals() {}

  static GtfcException unknownToken() {
    return new GtfcException(Problem.REFUSED,
        "this join token was already used or was never issued here: ask an admin for a new one ('gtfc invite')");
  }

  static GtfcException expired(Invitation invitation) {
    return new GtfcException(Problem.REFUSED,
        "this join token expired at " + invitation.expiresAt() + ": ask an admin for a new one ('gtfc invite')");
  }
}
