package io.gtfc.ports.fakes;

import io.gtfc.domain.Invitation;
import io.gtfc.ports.InviteBook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pending invitations in a map; redeeming removes atomically, so exactly one caller wins. */
public final class InMemoryInviteBook implements InviteBook {
  private final Map<String, Invitation> pending = new ConcurrentHashMap<>();

  @Override
  public void record(Invitation invitation) {
    pending.put(invitation.secret(), invitation);
  }

  @Override
  public Optional<Invitation> find(String secret) {
    return Optional.ofNullable(pending.get(secret));
  }

  @Override
  public Optional<Invitation> redeem(String secret) {
    return Optional.ofNullable(pending.remove(secret));
  }

  @Override
  public void forgetAll() {
    pending.clear();
  }
}
