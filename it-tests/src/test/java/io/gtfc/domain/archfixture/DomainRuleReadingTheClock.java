package io.gtfc.domain.archfixture;

import java.time.Instant;

/** A sync rule that reads the clock instead of being handed a Clock. */
public final class DomainRuleReadingTheClock {
  public boolean quietWindowOver(Instant lastEdit) {
    return Instant.now().isAfter(lastEdit.plusSeconds(2));
  }
}
