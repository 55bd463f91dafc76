package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativePathTest {
  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "..", "../x", "a/../../b", "a/./b", "a//b", "a/", "", "C:/x", "a\\b"})
  void aPathThatIsNotPlainlyInsideTheFolderIsRefused(String path) {
    assertThatThrownBy(() -> RelativePath.of(path)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void dotDotAnywhereIsRefused(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String a,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String b) {
    assertThatThrownBy(() -> RelativePath.of(a + "/../" + b)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelativePath.of("../" + a)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void plainSegmentsAreAccepted(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String a,
      @ForAll @AlphaChars @StringLength(min = 1, max = 8) String b) {
    assertThat(RelativePath.of(a + "/" + b).fileName()).isEqualTo(b);
  }

  @Test
  void startsWithMatchesWholeSegmentsOnly() {
    assertThat(RelativePath.of("notes/todo.txt").startsWith(RelativePath.of("notes"))).isTrue();
    assertThat(RelativePath.of("notesx/todo.txt").startsWith(RelativePath.of("notes"))).isFalse();
  }
}
