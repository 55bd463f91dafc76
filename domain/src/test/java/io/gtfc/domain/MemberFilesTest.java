package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemberFilesTest {
  private final Member alpha = Member.builder().id(NodeId.of("alpha")).role(Role.ADMIN)
      .userKey(Keys.A).hostKey(Keys.B).endpoint(Endpoint.of("127.0.0.1", 7001)).build();
  private final Member beta = Member.builder().id(NodeId.of("beta")).role(Role.READ_ONLY)
      .userKey(Keys.B).hostKey(Keys.A).endpoint(Endpoint.of("beta.example", 22)).build();
  private final Membership membership = Membership.of(ClusterId.of("c1u5ter0001"), List.of(beta, alpha));

  @Test
  void theFilesReadBackAsTheSameMembers() {
    Membership read = MemberFiles.parse(MemberFiles.cluster(membership),
        MemberFiles.authorizedKeys(membership), MemberFiles.knownHosts(membership));
    assertThat(read).isEqualTo(membership);
  }

  @Test
  void theFilesAreInOpenSshFormats() {
    assertThat(MemberFiles.authorizedKeys(membership))
        .contains(Keys.A.openSsh() + " node=alpha role=admin\n")
        .contains(Keys.B.openSsh() + " node=beta role=read-only\n");
    assertThat(MemberFiles.knownHosts(membership))
        .contains("[127.0.0.1]:7001 " + Keys.B.openSsh() + " node=alpha\n")
        .contains("beta.example " + Keys.A.openSsh() + " node=beta\n");
  }

  @Test
  void anOpenSshModeMemberKeepsItsAccountInAUserField() {
    Member omega = Member.builder().id(NodeId.of("omega")).role(Role.READ_WRITE).userKey(Keys.C).hostKey(Keys.C)
        .endpoint(Endpoint.parse("alice@omega.example:22", 7419)).build();
    Membership withOmega = membership.with(omega);

    String knownHosts = MemberFiles.knownHosts(withOmega);

    assertThat(knownHosts).contains("omega.example " + Keys.C.openSsh() + " node=omega user=alice\n");
    assertThat(MemberFiles.parse(MemberFiles.cluster(withOmega), MemberFiles.authorizedKeys(withOmega), knownHosts))
        .isEqualTo(withOmega);
    assertThat(MemberFiles.parse(MemberFiles.cluster(membership), MemberFiles.authorizedKeys(membership),
        MemberFiles.knownHosts(membership))).isEqualTo(membership);
  }

  @Test
  void aMemberWithoutAHostLineIsRefused() {
    assertThatThrownBy(() -> MemberFiles.parse(MemberFiles.cluster(membership),
        MemberFiles.authorizedKeys(membership), "# nothing\n"))
        .hasMessageContaining("known_hosts has no line for member");
  }

  @Test
  void membersAreSortedAndLookedUpByKey() {
    assertThat(membership.members()).extracting(Member::id).containsExactly(NodeId.of("alpha"), NodeId.of("beta"));
    assertThat(membership.byUserKey(Keys.B)).contains(beta);
    assertThat(membership.peersOf(NodeId.of("alpha"))).containsExactly(beta);
  }

  @Test
  void twoMembersCannotShareANameOrAKey() {
    assertThatThrownBy(() -> membership.with(Member.builder().from(beta).id(NodeId.of("gamma")).build()))
        .hasMessageContaining("uses a key another member already uses");
    assertThatThrownBy(() -> Membership.of(membership.cluster(), List.of(alpha, alpha)))
        .hasMessageContaining("two members are named 'alpha'");
  }

  @Test
  void aClusterKeepsAnAdmin() {
    assertThatThrownBy(() -> Membership.of(membership.cluster(), List.of(beta)))
        .hasMessageContaining("at least one admin");
  }
}
