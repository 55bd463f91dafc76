package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdTest {
  @ParameterizedTest
  @ValueSource(strings = {"alpha", "web-01", "n_2", "7"})
  void acceptsPortableNames(String name) {
    assertThat(NodeId.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Alpha", "-x", "a/b", "a b", "../x", "a.b"})
  void refusesNamesThatCannotBeRefs(String name) {
    assertThatThrownBy(() -> NodeId.of(name)).hasMessageContaining("is not a valid node name");
  }
}
