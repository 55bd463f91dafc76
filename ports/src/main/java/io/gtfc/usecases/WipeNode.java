package io.gtfc.usecases;

import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.NodeId;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.InviteBook;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code gtfc wipe}: deletes this node's gtfc state: its keys and pending invitations, and the
 * folder's git directory and {@code .git} file. The user's files stay unless asked for too.
 * Deleting a node's keys does not take it out of its cluster's member list: that is
 * {@code gtfc unjoin} (or {@code gtfc remove} on an admin node), best run first.
 */
public final class WipeNode {
  private final VersionStores stores;
  private final NodeKeys keys;
  private final InviteBook book;

  public WipeNode(VersionStores stores, NodeKeys keys, InviteBook book) {
    this.stores = stores;
    this.keys = keys;
    this.book = book;
  }

  /**
   * Wipes this node, and {@code folder}'s gtfc state when one is given ({@code withFiles}: the
   * folder with every file in it).
   *
   * @throws GtfcException BAD_STATE when {@code withFiles} is asked for a folder that is not a gtfc folder
   */
  public WipeReport wipe(Optional<Path> folder, boolean withFiles) {
    Optional<FolderLayout> layout = folder.map(FolderLayout::of).filter(stores::exists);
    if (withFiles && folder.isPresent() && layout.isEmpty()) {
      throw new GtfcException(Problem.BAD_STATE, folder.get() + " is not a gtfc folder: 'gtfc wipe --files'"
          + " deletes only a folder gtfc keeps; delete other folders yourself");
    }
    Optional<NodeId> stillMember = layout.flatMap(this::memberName);
    layout.ifPresent(l -> {
      if (withFiles) {
        stores.delete(l);
      } else {
        stores.forget(l);
      }
    });
    boolean hadKeys = keys.load().isPresent();
    book.forgetAll();
    keys.forget();
    return ImmutableWipeReport.builder()
        .folder(layout)
        .filesDeleted(withFiles && layout.isPresent())
        .keysDeleted(hadKeys)
        .stillMember(stillMember)
        .build();
  }

  /** This node's name, if the folder's committed member list still lists its key. */
  private Optional<NodeId> memberName(FolderLayout layout) {
    Optional<NodeIdentity> identity = keys.load();
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    try (VersionStore store = stores.open(layout)) {
      if (store.head().isEmpty() || store.readAtHead(MemberFiles.CLUSTER).isEmpty()) {
        return Optional.empty();
      }
      return Members.atHead(store).byUserKey(identity.get().userKey()).map(m -> m.id());
    } catch (GtfcException e) {
      return Optional.empty();
    }
  }
}
