package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.Membership;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import java.nio.charset.StandardCharsets;

/** Reads the member list as committed (never from the working tree, which anyone can edit). */
final class Members {
  private Members() {}

  static Membership atHead(VersionStore store) {
    try {
      return MemberFiles.parse(
          text(store, MemberFiles.CLUSTER),
          text(store, MemberFiles.AUTHORIZED_KEYS),
          text(store, MemberFiles.KNOWN_HOSTS));
    } catch (IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "the member list of " + store.layout().folder() + " cannot be read: " + e.getMessage());
    }
  }

  static void write(VersionStore store, Membership membership) {
    store.writeFile(MemberFiles.CLUSTER, bytes(MemberFiles.cluster(membership)));
    store.writeFile(MemberFiles.AUTHORIZED_KEYS, bytes(MemberFiles.authorizedKeys(membership)));
    store.writeFile(MemberFiles.KNOWN_HOSTS, bytes(MemberFiles.knownHosts(membership)));
  }

  /** This node's own entry, recognised by its identity key. */
  static Member self(Membership membership, NodeIdentity identity, VersionStore store) {
    return membership.byUserKey(identity.userKey()).orElseThrow(() -> new GtfcException(Problem.BAD_STATE,
        "this node's key is not a member of the cluster in " + store.layout().folder()
            + ": use the --home this folder was joined with, or join it again"));
  }

  private static String text(VersionStore store, io.gtfc.domain.RelativePath path) {
    return store.readAtHead(path)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .orElseThrow(() -> new IllegalArgumentException(path + " is missing"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
