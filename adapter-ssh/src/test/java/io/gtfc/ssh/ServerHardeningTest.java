package io.gtfc.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gtfc.ports.PeerOutcome;
import io.gtfc.ports.PeerResult;
import io.gtfc.ports.Refs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.client.ClientBuilder;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the embedded server refuses beyond wrong commands: symlinked repositories, big packs, many refs, crowds, weak algorithms. */
class ServerHardeningTest {
  @TempDir
  Path temp;

  private ServedCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSymlinkInsideTheFolderIsNeverServedAsARepository() throws Exception {
    cluster = new ServedCluster(temp);
    TestNode outside = new TestNode(temp, "outside");
    outside.commit("secret.txt", "not part of the cluster");
    Files.createSymbolicLink(cluster.beta.layout.folder().resolve("evil"), outside.layout.gitDir());
    Files.createSymbolicLink(cluster.beta.layout.folder().resolve("evil.git"), outside.layout.gitDir());

    try (RawSsh ssh = RawSsh.member(cluster.server.address(), cluster.alpha.home)) {
      for (String command : new String[] {
          "git-upload-pack '/gtfc/evil'", "git-upload-pack 'evil'", "git-upload-pack '/gtfc/evil.git'",
          "git-receive-pack 'evil.git'", "git-upload-pack '" + outside.layout.gitDir() + "'"}) {
        RawSsh.Result result = ssh.exec(command);
        assertThat(result.exit).as(command).isEqualTo(1);
        assertThat(result.err).as(command).startsWith("only the folder '/gtfc' is served here: refused '");
        assertThat(result.out).as(command).doesNotContain("refs/heads/main");
      }
    }
    assertThat(cluster.heard).isEmpty();
  }

  @Test
  void aPackOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
    cluster = new ServedCluster(temp, ServerLimits.DEFAULT.withMaxPackBytes(4096).withMaxObjectBytes(8 << 20));
    byte[] noise = new byte[4 << 20]; // still being sent when the peer gives up and hangs up: its reason must come through
    new Random(7).nextBytes(noise);
    Files.write(cluster.alpha.layout.folder().resolve("big.bin"), noise);
    String head = cluster.alpha.commit("small.txt", "and a big file beside it");
    try (Repository alphaRepo = repository(cluster.alpha); Git git = new Git(alphaRepo)) {
      git.add().addFilepattern("big.bin").call();
      head = git.commit().setMessage("big").setSign(false).call().name();
    }

    PeerResult result = new SshPeerTransport(cluster.alpha.home).push(cluster.alpha.layout, cluster.alpha.id,
        cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isIn(PeerOutcome.REFUSED, PeerOutcome.FAILED);
    assertThat(result.detail()).containsPattern("Pack exceeds the limit of 4.?096 bytes, rejecting the pack");
    assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
    try (Repository betaRepo = repository(cluster.beta)) {
      assertThat(betaRepo.getObjectDatabase().has(ObjectId.fromString(head))).isFalse();
    }
  }

  @Test
  void anObjectOverTheLimitIsRefusedAndNothingIsStored() throws Exception {
    cluster = new ServedCluster(temp, ServerLimits.DEFAULT.withMaxObjectBytes(4096));
    byte[] noise = new byte[64 * 1024];
    new Random(7).nextBytes(noise);
    Files.write(cluster.alpha.layout.folder().resolve("big.bin"), noise);
    String head;
    try (Repository alphaRepo = repository(cluster.alpha); Git git = new Git(alphaRepo)) {
      git.add().addFilepattern("big.bin").call();
      head = git.commit().setMessage("big").setSign(false).call().name();
    }

    PeerResult result = new SshPeerTransport(cluster.alpha.home).push(cluster.alpha.layout, cluster.alpha.id,
        cluster.betaPeer);

    assertThat(result.outcome()).as(result.detail()).isIn(PeerOutcome.REFUSED, PeerOutcome.FAILED);
    assertThat(result.detail())
        .containsPattern("Object too large \\(65.?536 bytes\\), rejecting the pack. Max object size limit is 4.?096 bytes");
    assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).isEmpty();
    assertThat(cluster.heard).isEmpty();
    try (Repository betaRepo = repository(cluster.beta)) {
      assertThat(betaRepo.getObjectDatabase().has(ObjectId.fromString(head))).isFalse();
    }
  }

  @Test
  void aPushOfTwoRefsIsRefused() throws Exception {
    cluster = new ServedCluster(temp);
    String head = cluster.alpha.commit("notes.txt", "twice");

    List<RemoteRefUpdate> updates;
    try (Repository repo = repository(cluster.alpha);
        PinnedSsh ssh = new PinnedSsh(cluster.alpha.home, OpenSshKeys.read(MinaNodeKeys.identityFile(cluster.alpha.home)),
            new PinnedHostKey(cluster.beta.identity.hostKey()));
        Transport transport = Transport.open(repo, SshPeerTransport.uriOf(cluster.betaPeer))) {
      ssh.configure(transport);
      PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(
          new RemoteRefUpdate(repo, Refs.MAIN, Refs.inbox(cluster.alpha.id), true, null, null),
          new RemoteRefUpdate(repo, Refs.MAIN, "refs/gtfc/inbox/alpha-too", true, null, null)));
      updates = List.copyOf(result.getRemoteUpdates());
    }

    assertThat(updates).hasSize(2).allSatisfy(u -> {
      assertThat(u.getStatus()).isEqualTo(RemoteRefUpdate.Status.REJECTED_OTHER_REASON);
      assertThat(u.getMessage()).isEqualTo("push one ref at a time, and only into refs/gtfc/inbox/alpha");
    });
    assertThat(cluster.beta.ref(Refs.inbox(cluster.alpha.id))).isEmpty();
    assertThat(cluster.beta.ref("refs/gtfc/inbox/alpha-too")).isEmpty();
    assertThat(cluster.heard).isEmpty();
    assertThat(head).isNotEmpty();
  }

  @Test
  void connectionsBeyondTheLimitPerAddressAreTurnedAway() throws Exception {
    cluster = new ServedCluster(temp, ServerLimits.DEFAULT.withSessions(64, 2));
    try (RawSsh first = RawSsh.member(cluster.server.address(), cluster.alpha.home);
        RawSsh second = RawSsh.member(cluster.server.address(), cluster.reader.home)) {
      assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.alpha.home).close())
          .isInstanceOf(Exception.class);
      assertThat(first.exec("git-upload-pack '/gtfc'").exit).isNotNull();
    }
    try (RawSsh again = RawSsh.member(cluster.server.address(), cluster.alpha.home)) {
      assertThat(again.session.isAuthenticated()).isTrue();
    }
  }

  @Test
  void connectionsBeyondTheLimitInAllAreTurnedAway() throws Exception {
    cluster = new ServedCluster(temp, ServerLimits.DEFAULT.withSessions(1, 1));
    try (RawSsh first = RawSsh.member(cluster.server.address(), cluster.alpha.home)) {
      assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.reader.home).close())
          .isInstanceOf(Exception.class);
    }
  }

  @Test
  void aClientOfferingOnlyWeakAlgorithmsCannotConnect() throws Exception {
    cluster = new ServedCluster(temp);
    assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.alpha.home, client ->
        client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
            List.of(BuiltinDHFactories.dhg14, BuiltinDHFactories.dhg1, BuiltinDHFactories.ecdhp256), ClientBuilder.DH2KEX))))
        .as("SHA-1 and NIST-curve key exchange").isInstanceOf(Exception.class);
    assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.alpha.home, client ->
        client.setCipherFactories(List.of(BuiltinCiphers.aes128cbc, BuiltinCiphers.aes256cbc, BuiltinCiphers.tripledescbc))))
        .as("CBC ciphers").isInstanceOf(Exception.class);
    assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.alpha.home, client -> {
      client.setCipherFactories(List.of(BuiltinCiphers.aes128ctr));
      client.setMacFactories(List.of(BuiltinMacs.hmacsha1, BuiltinMacs.hmacsha256, BuiltinMacs.hmacmd5));
    })).as("SHA-1, MD5 and encrypt-and-MAC").isInstanceOf(Exception.class);
    assertThatThrownBy(() -> RawSsh.member(cluster.server.address(), cluster.alpha.home, client ->
        client.setSignatureFactories(List.of(BuiltinSignatures.rsa, BuiltinSignatures.rsaSHA512, BuiltinSignatures.nistp256))))
        .as("RSA and ECDSA host keys").isInstanceOf(Exception.class);
    try (RawSsh modern = RawSsh.member(cluster.server.address(), cluster.alpha.home)) {
      assertThat(modern.session.isAuthenticated()).isTrue();
    }
  }

  private static Repository repository(TestNode node) throws Exception {
    return new FileRepositoryBuilder()
        .setGitDir(node.layout.gitDir().toFile())
        .setWorkTree(node.layout.folder().toFile())
        .setMustExist(true)
        .build();
  }
}
