package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void parsesHostAndPort() {
    assertThat(Endpoint.parse("127.0.0.1:7001", 22)).isEqualTo(Endpoint.of("127.0.0.1", 7001));
    assertThat(Endpoint.parse("alpha", 7419)).isEqualTo(Endpoint.of("alpha", 7419));
    assertThat(Endpoint.parse("[::1]:7001", 22)).isEqualTo(Endpoint.of("::1", 7001));
  }

  @Test
  void writesKnownHostsFormLikeOpenSsh() {
    assertThat(Endpoint.of("alpha", 22).knownHostsForm()).isEqualTo("alpha");
    assertThat(Endpoint.of("127.0.0.1", 7001).knownHostsForm()).isEqualTo("[127.0.0.1]:7001");
  }

  @Test
  void anOpenSshNodeIsReachedAsAnAccount() {
    Endpoint omega = Endpoint.parse("alice@omega:22", 7419);

    assertThat(omega.user()).contains("alice");
    assertThat(omega.host()).isEqualTo("omega");
    assertThat(omega.toString()).isEqualTo("alice@omega:22");
    assertThat(omega.hostAndPort()).isEqualTo("omega:22");
    assertThat(omega.knownHostsForm()).isEqualTo("omega");
    assertThat(Endpoint.parse(omega.toString(), 7419)).isEqualTo(omega);
    assertThat(Endpoint.parse("root@[::1]:2222", 22)).isEqualTo(Endpoint.of("::1", 2222).asUser("root"));
    assertThat(omega.withoutUser()).isEqualTo(Endpoint.of("omega", 22));
    assertThatThrownBy(() -> Endpoint.parse("bad user@omega:22", 22)).hasMessageContaining("is not an account name");
    assertThatThrownBy(() -> Endpoint.parse("@omega:22", 22)).hasMessageContaining("is not an account name");
  }

  @Test
  void badInputSaysWhatToWrite() {
    assertThatThrownBy(() -> Endpoint.parse("host:port", 22)).hasMessageContaining("is not a port number");
    assertThatThrownBy(() -> Endpoint.parse("host:70000", 22)).hasMessageContaining("is not a TCP port");
    assertThatThrownBy(() -> Endpoint.parse("::1", 22)).hasMessageContaining("write it as [::1]:PORT");
  }
}
