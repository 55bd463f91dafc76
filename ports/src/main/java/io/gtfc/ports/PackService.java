package io.gtfc.ports;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * git's two pack services for one folder over a pair of streams, the way a forced command behind
 * OpenSSH runs them: upload-pack sends the working branch to a fetching peer, receive-pack takes
 * one push into the sender's own inbox ref. Size limits are the implementation's own settings.
 *
 * <p>Threading: each call serves one client and returns when that client is done; calls for
 * different clients may run at once.
 *
 * <p>Errors: {@link GtfcException} BAD_STATE when the folder has no git directory, UNREACHABLE
 * when the client's streams break. A refused push is not an error: the client is told why.
 */
public interface PackService {

  /** Sends {@code refs/heads/main}, and no other ref, to a fetching client. */
  void upload(FolderLayout folder, InputStream in, OutputStream out, OutputStream err);

  /**
   * Receives one push from {@code sender}: exactly one ref, {@code refs/gtfc/inbox/<sender>}, not
   * deleted, within the size limits, and only if {@code gate} has no objection. {@code listener}
   * hears about the new head after the inbox moved and before the client is told the result.
   *
   * @return the inbox's new head; empty when the push was refused or changed nothing
   */
  Optional<Revision> receive(FolderLayout folder, NodeId sender, PushGate gate, PeerServer.InboxListener listener,
      InputStream in, OutputStream out, OutputStream err);

  /**
   * Refuses a request: {@code message} as one line on {@code err}, and, when the client speaks
   * git ({@code git} true), also as a protocol error on {@code out}, which git clients show.
   */
  void refuse(String message, boolean git, OutputStream out, OutputStream err);

  /** Decides, when the push arrives, whether a sender may push at all. */
  @FunctionalInterface
  interface PushGate {
    /** Why {@code sender}'s push is refused; empty if it is accepted. */
    Optional<String> refusal(NodeId sender);
  }
}
