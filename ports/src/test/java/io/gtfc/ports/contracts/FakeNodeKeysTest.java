package io.gtfc.ports.contracts;

import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.fakes.FakeNodeKeys;

class FakeNodeKeysTest extends NodeKeysContract {
  private FakeNodeKeys keys;

  @Override
  protected NodeKeys newKeys() {
    keys = new FakeNodeKeys("alpha");
    return keys;
  }

  @Override
  protected NodeKeys sameHome() {
    return keys;
  }
}
