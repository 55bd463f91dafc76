package io.gtfc.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.domain.Role;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.FolderProbe;
import io.gtfc.ports.PackService;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.FakeFolderProbe;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** gtfc shell decides from the authorized_keys line, the client's command and the member list; nothing else gets through. */
class AnswerForcedCommandTest {
  private static final Path HOME = Path.of("/home/alice");
  private static final Path FOLDER = HOME.resolve("share");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

  private final InMemoryVersionStores stores = new InMemoryVersionStores();
  private final FakeNodeKeys keys = new FakeNodeKeys("omega");
  private final RecordingPacks packs = new RecordingPacks();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FolderProbe probe = FakeFolderProbe.alwaysFine();

  @BeforeEach
  void omegaWithAReadWriteAndAReadOnlyPeer() {
    new BootstrapCluster(stores, keys, probe, CLOCK, new Random(1))
        .bootstrap(FOLDER, NodeId.of("omega"), Endpoint.parse("alice@omega:22", 7419));
    try (VersionStore store = stores.open(FolderLayout.of(FOLDER))) {
      Membership now = Members.atHead(store)
          .with(peer("alpha", Role.READ_WRITE))
          .with(peer("reader", Role.READ_ONLY));
      Members.commit(store, Members.writeSigned(store, now, keys),
          CommitSpec.of(NodeId.of("omega"), CLOCK.instant(), "admit alpha and reader"));
    }
  }

  private static Member peer(String name, Role role) {
    return Member.builder().id(NodeId.of(name)).role(role)
        .userKey(FakeNodeKeys.ed25519(name + "-user")).hostKey(FakeNodeKeys.ed25519(name + "-host"))
        .endpoint(Endpoint.of(name, 7419)).build();
  }

  private ShellReport answer(String command, String sender, boolean readOnly) {
    ShellCall call = ShellCall.builder()
        .folder(FOLDER)
        .sender(Optional.ofNullable(sender).map(NodeId::of))
        .readOnly(readOnly)
        .command(Optional.ofNullable(command))
        .accountHome(HOME)
        .build();
    return new AnswerForcedCommand(stores, keys, packs, CLOCK, probe)
        .answer(call, new ByteArrayInputStream(new byte[0]), out, err);
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aShellIsRefused() {
    ShellReport report = answer(null, "alpha", false);

    assertThat(report.outcome()).isEqualTo(ShellReport.Outcome.REFUSED);
    assertThat(errText()).isEqualTo("this key may only run git-upload-pack or git-receive-pack for /home/alice/share"
        + " (gtfc shell): no shell\n");
    assertThat(packs.calls).containsExactly("refuse git=false");
  }

  @Test
  void anyOtherCommandIsRefused() {
    for (String command : List.of("ls -la", "git-upload-pack '/gtfc'; rm -rf ~", "scp -t /tmp", "git-upload-pack /gtfc",
        "git-upload-pack '/gtfc' '/etc'", "git-upload-pack 'it'\\''s'", "sftp")) {
      err.reset();
      packs.calls.clear();

      ShellReport report = answer(command, "alpha", false);

      assertThat(report.outcome()).as(command).isEqualTo(ShellReport.Outcome.REFUSED);
      assertThat(errText()).as(command).startsWith("this key may only run git-upload-pack or git-receive-pack for"
          + " /home/alice/share (gtfc shell): refused '");
      assertThat(packs.calls).as(command).hasSize(1).allMatch(c -> c.startsWith("refuse"));
    }
  }

  @Test
  void otherPathsAreRefused() {
    for (String path : List.of("/etc", "/home/alice/share/../other", "../share", "~/../alice/share", "share/..",
        "/home/alice/share/.git", "/home/alice/./share", "~root/share", "/home/alice//share", "other", "/")) {
      err.reset();
      packs.calls.clear();

      ShellReport report = answer("git-upload-pack '" + path + "'", "alpha", false);

      assertThat(report.outcome()).as(path).isEqualTo(ShellReport.Outcome.REFUSED);
      assertThat(errText()).as(path).startsWith("only the folder /home/alice/share (or 'gtfc') is served here: refused '");
      assertThat(packs.calls).as(path).containsExactly("refuse git=true");
    }
  }

  @Test
  void theFolderMayBeNamedAsGitClientsNameIt() {
    for (String path : List.of("/gtfc", "gtfc", "/home/alice/share", "/home/alice/share/", "~/share", "share")) {
      packs.calls.clear();

      ShellReport report = answer("git-upload-pack '" + path + "'", null, false);

      assertThat(report.outcome()).as(path).isEqualTo(ShellReport.Outcome.FETCHED);
      assertThat(packs.calls).as(path).containsExactly("upload /home/alice/share");
    }
  }

  @Test
  void aMemberMayPushIntoItsInbox() {
    ShellReport report = answer("git-receive-pack '/gtfc'", "alpha", false);

    assertThat(report.outcome()).isEqualTo(ShellReport.Outcome.PUSHED);
    assertThat(packs.calls).containsExactly("receive alpha");
    assertThat(errText()).isEmpty();
  }

  @Test
  void aReadOnlyLineMayOnlyFetch() {
    ShellReport push = answer("git-receive-pack '/gtfc'", "alpha", true);
    ShellReport fetch = answer("git-upload-pack '/gtfc'", "alpha", true);

    assertThat(push.refusal()).contains("this key may only fetch from /home/alice/share"
        + " (its authorized_keys line says --read-only)");
    assertThat(fetch.outcome()).isEqualTo(ShellReport.Outcome.FETCHED);
    assertThat(packs.calls).containsExactly("refuse git=true", "upload /home/alice/share");
  }

  @Test
  void aLineThatNamesNoNodeMayOnlyFetch() {
    ShellReport push = answer("git-receive-pack '/gtfc'", null, false);

    assertThat(push.refusal()).contains("this key's authorized_keys line names no node (--node NAME), so it may only"
        + " fetch: write the line again with 'gtfc authorize'");
    assertThat(packs.calls).containsExactly("refuse git=true");
  }

  @Test
  void theMemberListDecidesWhoMayPush() {
    assertThat(answer("git-receive-pack '/gtfc'", "reader", false).refusal())
        .contains("reader is a read-only member of this cluster: its changes are not accepted");
    assertThat(answer("git-receive-pack '/gtfc'", "mallory", false).refusal())
        .contains("mallory is no longer a member of this cluster: its changes are not accepted");
    assertThat(answer("git-receive-pack '/gtfc'", "omega", false).refusal())
        .contains("omega is this node's own name: a node never pushes to itself");
    assertThat(packs.calls).containsOnly("refuse git=true");
  }

  @Test
  void aFolderThatIsNoGtfcFolderIsRefusedInOneLine() {
    ShellCall call = ShellCall.builder().folder(HOME.resolve("elsewhere")).sender(NodeId.of("alpha"))
        .command("git-upload-pack '/gtfc'").build();

    ShellReport report = new AnswerForcedCommand(stores, keys, packs, CLOCK, probe)
        .answer(call, new ByteArrayInputStream(new byte[0]), out, err);

    assertThat(report.outcome()).isEqualTo(ShellReport.Outcome.REFUSED);
    assertThat(errText()).doesNotContain("\n\n").endsWith("\n").hasLineCount(1);
  }

  /** Records what the use case asked the pack services for; a push is accepted if the gate lets it. */
  private static final class RecordingPacks implements PackService {
    final List<String> calls = new ArrayList<>();

    @Override
    public void upload(FolderLayout folder, InputStream in, OutputStream out, OutputStream err) {
      calls.add("upload " + folder);
    }

    @Override
    public Optional<Revision> receive(FolderLayout folder, NodeId sender, PushGate gate,
        PeerServer.InboxListener listener, InputStream in, OutputStream out, OutputStream err) {
      calls.add("receive " + sender);
      return gate.refusal(sender).isPresent() ? Optional.empty() : Optional.of(Revision.of("0".repeat(40)));
    }

    @Override
    public void refuse(String message, boolean git, OutputStream out, OutputStream err) {
      calls.add("refuse git=" + git);
      try {
        err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
