package io.gtfc.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberChangesTest {
  private final Signers.Signer alphaKey = Signers.fresh();
  private final Signers.Signer betaKey = Signers.fresh();
  private final Signers.Signer gammaKey = Signers.fresh();
  private final Member alpha = member("alpha", Role.ADMIN, alphaKey, 7001);
  private final Member beta = member("beta", Role.READ_WRITE, betaKey, 7002);
  private final Member gamma = member("gamma", Role.READ_WRITE, gammaKey, 7003);
  private final ClusterId cluster = ClusterId.of("c1u5ter0001");
  private final MemberDirectory trusted =
      alphaKey.seal(MemberDirectory.of(Membership.of(cluster, List.of(alpha, beta)), 3));

  private static Member member(String name, Role role, Signers.Signer key, int port) {
    return Member.builder().id(NodeId.of(name)).role(role).userKey(key.key()).hostKey(Signers.fresh().key())
        .endpoint(Endpoint.of("127.0.0.1", port)).build();
  }

  @Test
  void anUnchangedListIsAccepted() {
    assertThat(MemberChanges.refusal(trusted, MemberDirectory.of(trusted.files()), "the push from beta")).isEmpty();
  }

  @Test
  void aNewerListSignedByAnAdminIsAccepted() {
    MemberDirectory next = alphaKey.seal(trusted.withMembers(trusted.membership().with(gamma), 4));

    assertThat(MemberChanges.refusal(trusted, next, "the push from beta")).isEmpty();
  }

  @Test
  void aListEditedByHandIsRefusedWithTheLineForIt() {
    Map<RelativePath, byte[]> files = new HashMap<>(trusted.files());
    files.put(MemberFiles.AUTHORIZED_KEYS, (new String(files.get(MemberFiles.AUTHORIZED_KEYS), StandardCharsets.UTF_8)
        + gammaKey.key().openSsh() + " node=gamma role=admin\n").getBytes(StandardCharsets.UTF_8));
    files.put(MemberFiles.KNOWN_HOSTS, (new String(files.get(MemberFiles.KNOWN_HOSTS), StandardCharsets.UTF_8)
        + "[127.0.0.1]:7003 " + gammaKey.key().openSsh() + " node=gamma\n").getBytes(StandardCharsets.UTF_8));

    assertThat(MemberChanges.refusal(trusted, MemberDirectory.of(files), "the push from beta"))
        .contains("the push from beta changes the member list but is not signed by an admin:"
            + " member changes go through 'gtfc invite' / 'gtfc remove' on an admin node");
  }

  @Test
  void aListSignedByAReadWriteMemberIsRefused() {
    MemberDirectory next = betaKey.seal(trusted.withMembers(trusted.membership().with(gamma), 4));

    assertThat(MemberChanges.refusal(trusted, next, "the push from beta").orElseThrow())
        .contains("is not signed by an admin (it is signed by 'beta', a read-write member)");
  }

  @Test
  void anExtraFileUnderGtfcBreaksTheSignature() {
    Map<RelativePath, byte[]> files = new HashMap<>(alphaKey.seal(trusted.withMembers(trusted.membership(), 4)).files());
    files.put(RelativePath.of(".gtfc/authorized_keys2"), "ssh-ed25519 AAAA...\n".getBytes(StandardCharsets.UTF_8));

    assertThat(MemberChanges.refusal(trusted, MemberDirectory.of(files), "x")).contains(MemberChanges.notSignedByAnAdmin("x"));
  }

  @Test
  void anOlderSignedListCannotBeReplayed() {
    MemberDirectory old = alphaKey.seal(MemberDirectory.of(Membership.of(cluster, List.of(alpha, beta, gamma)), 2));

    assertThat(MemberChanges.refusal(trusted, old, "the push from gamma").orElseThrow())
        .contains("an older member list (version 2, this node has version 3)");
  }

  @Test
  void ofTwoListsSignedAtTheSameVersionOnlyTheHigherRankedIsAccepted() {
    MemberDirectory one = alphaKey.seal(trusted.withMembers(trusted.membership().with(gamma), 4));
    MemberDirectory other = alphaKey.seal(trusted.withMembers(trusted.membership().without(beta.id()), 4));
    MemberDirectory higher = one.rank().compareTo(other.rank()) > 0 ? one : other;
    MemberDirectory lower = higher == one ? other : one;

    assertThat(MemberChanges.refusal(lower, higher, "x")).isEmpty();
    assertThat(MemberChanges.refusal(higher, lower, "x")).isPresent();
  }

  @Test
  void anotherClustersListIsRefused() {
    MemberDirectory foreign = alphaKey.seal(
        MemberDirectory.of(Membership.of(ClusterId.of("0therc1uster"), List.of(alpha, beta)), 9));

    assertThat(MemberChanges.refusal(trusted, foreign, "x").orElseThrow()).contains("another cluster");
  }

  @Test
  void anUnreadableListIsRefused() {
    Map<RelativePath, byte[]> files = new HashMap<>(trusted.files());
    files.remove(MemberFiles.KNOWN_HOSTS);

    assertThat(MemberChanges.refusal(trusted, MemberDirectory.of(files), "x").orElseThrow())
        .contains("cannot be read").contains("known_hosts");
  }

  @Test
  void aFirstCopyMustBeSignedByOneOfItsOwnAdmins() {
    MemberDirectory unsigned = MemberDirectory.of(Membership.of(cluster, List.of(alpha, beta)), 1);

    assertThat(MemberChanges.refusal(MemberDirectory.of(Map.of()), trusted, "the copy from alpha")).isEmpty();
    assertThat(MemberChanges.refusalOfFirstCopy(unsigned, "the copy from alpha")).isPresent();
    assertThat(MemberChanges.refusalOfFirstCopy(betaKey.seal(unsigned), "the copy from alpha")).isPresent();
  }

  @Test
  void aNodeSendsOnlyAListSignedByAnAdminItLists() {
    Map<RelativePath, byte[]> files = new HashMap<>(trusted.files());
    files.put(MemberFiles.AUTHORIZED_KEYS, "# emptied by hand\n".getBytes(StandardCharsets.UTF_8));

    assertThat(MemberChanges.refusalToSend(trusted, "x")).isEmpty();
    assertThat(MemberChanges.refusalToSend(MemberDirectory.of(Membership.of(cluster, List.of(alpha)), 0), "x"))
        .isEmpty();
    assertThat(MemberChanges.refusalToSend(MemberDirectory.of(files), "x")).isPresent();
  }
}
