package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.MemberChanges;
import io.gtfc.domain.MemberDirectory;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.Membership;
import io.gtfc.domain.RelativePath;
import io.gtfc.domain.Revision;
import io.gtfc.domain.SshSignature;
import io.gtfc.ports.CommitSpec;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.IntegrationGuard;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The member list as committed (never from the working tree, which anyone can edit), how an
 * admin node writes a signed new one, and the guard every integration passes.
 */
final class Members {
  private Members() {}

  static Membership atHead(VersionStore store) {
    return at(store, store.head());
  }

  /**
   * The member list at the head, read again only when the head moved: a server asks for it on
   * every sign-in, command and push, and reading and parsing it each time cost about a tenth of a
   * change's CPU. Thread-safe.
   */
  static PeerServer.Members cachedAtHead(VersionStore store) {
    return new PeerServer.Members() {
      private volatile Read last;

      @Override
      public Membership current() {
        Optional<Revision> head = store.head();
        Read read = last;
        if (read != null && read.head().equals(head)) {
          return read.membership();
        }
        Membership membership = at(store, head);
        last = new Read(head, membership);
        return membership;
      }
    };
  }

  private record Read(Optional<Revision> head, Membership membership) {}

  private static Membership at(VersionStore store, Optional<Revision> head) {
    try {
      return MemberFiles.parse(
          text(store, head, MemberFiles.CLUSTER),
          text(store, head, MemberFiles.AUTHORIZED_KEYS),
          text(store, head, MemberFiles.KNOWN_HOSTS));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "the member list of " + store.layout().folder() + " cannot be read: " + e.getMessage());
    }
  }

  /** The {@code .gtfc/} directory as committed at the head; empty while there is no head. */
  static MemberDirectory directoryAt(VersionStore store) {
    return store.head()
        .map(head -> MemberDirectory.of(store.filesUnder(MemberFiles.DIRECTORY, head)))
        .orElseGet(() -> MemberDirectory.of(Map.of()));
  }

  /**
   * Writes {@code next} into the working tree as the member list one version above the committed
   * one, signed with this node's identity key (which must be an admin's); other files of
   * {@code .gtfc/} are written back as committed. The caller holds the folder lock and commits
   * with {@link #commit}.
   */
  static MemberDirectory writeSigned(VersionStore store, Membership next, NodeKeys keys) {
    MemberDirectory current = directoryAt(store);
    long version;
    try {
      version = current.isEmpty() ? 1 : current.version() + 1;
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "the member list of " + store.layout().folder() + " cannot be read: " + e.getMessage());
    }
    MemberDirectory unsigned = current.withMembers(next, version);
    NodeIdentity identity = keys.load().orElseThrow(() -> new GtfcException(Problem.BAD_STATE,
        "this node home has no keys to sign the member list with: pass the right --home (or GTFC_HOME)"));
    byte[] raw = keys.sign(SshSignature.toBeSigned(MemberDirectory.NAMESPACE, unsigned.signedMessage()));
    MemberDirectory signed = unsigned.signedWith(SshSignature.of(identity.userKey(), MemberDirectory.NAMESPACE, raw));
    if (!signed.signature().orElseThrow().verifies(MemberDirectory.NAMESPACE, signed.signedMessage())) {
      throw new GtfcException(Problem.BAD_STATE, "this node's key made a signature that does not verify:"
          + " its identity key file is damaged");
    }
    signed.files().forEach(store::writeFile);
    return signed;
  }

  /** Commits exactly the files of {@code signed}: a stray file under {@code .gtfc/} stays out. */
  static Revision commit(VersionStore store, MemberDirectory signed, CommitSpec spec) {
    return store.commitPaths(signed.files().keySet(), spec).or(store::head)
        .orElseThrow(() -> new IllegalStateException("the member list was written but nothing was committed"));
  }

  /** The check every integration passes: see {@link MemberChanges#refusal}. */
  static IntegrationGuard guard(String source) {
    return new IntegrationGuard() {
      @Override
      public RelativePath directory() {
        return MemberFiles.DIRECTORY;
      }

      @Override
      public Optional<String> refusal(Map<RelativePath, byte[]> before, Map<RelativePath, byte[]> after) {
        try {
          return MemberChanges.refusal(MemberDirectory.of(before), MemberDirectory.of(after), source);
        } catch (IllegalArgumentException e) {
          return Optional.of(MemberChanges.notSignedByAnAdmin(source) + " (" + e.getMessage() + ")");
        }
      }
    };
  }

  /** This node's own entry, recognised by its identity key. */
  static Member self(Membership membership, NodeIdentity identity, VersionStore store) {
    return membership.byUserKey(identity.userKey()).orElseThrow(() -> new GtfcException(Problem.BAD_STATE,
        "this node's key is not a member of the cluster in " + store.layout().folder()
            + ": use the --home this folder was joined with, or join it again"));
  }

  private static String text(VersionStore store, Optional<Revision> head, RelativePath path) {
    Optional<byte[]> content = head.flatMap(h -> store.readAt(path, h));
    if (content.isEmpty() && path.equals(MemberFiles.CLUSTER) && head.isPresent()) {
      throw new GtfcException(Problem.BAD_STATE, store.layout().folder() + " is not in a cluster any more"
          + " (this node left it, see 'gtfc log'): its files and their history stay; 'gtfc wipe' deletes"
          + " what gtfc kept, and a new token joins a cluster again into a new folder");
    }
    return content.map(b -> new String(b, StandardCharsets.UTF_8))
        .orElseThrow(() -> new IllegalArgumentException(path + " is missing"));
  }
}
