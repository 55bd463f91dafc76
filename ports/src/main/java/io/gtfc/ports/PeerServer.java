package io.gtfc.ports;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Membership;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import org.immutables.value.Value;

/**
 * Answers peers for one folder: lets members fetch the working branch, lets read-write and admin
 * members push into their own inbox ref, lets a holder of a valid invitation ask to join, and
 * nothing else (no shell, no other command, no other path, no forwarding).
 *
 * <p>Errors: {@link GtfcException} ENVIRONMENT when the address cannot be bound (in use, not
 * local), naming the address.
 */
public interface PeerServer {

  /** Starts answering on {@code spec.listen()}; port 0 picks a free port. Returns once listening. */
  Running start(Spec spec);

  /** A started server. Closing stops it and waits for open sessions to end. */
  interface Running extends AutoCloseable {
    /** The address actually bound (the real port when 0 was asked). */
    Endpoint address();

    @Override
    void close();
  }

  /** Who may come in: the member list of the folder, read fresh for every new session. */
  @FunctionalInterface
  interface Members {
    Membership current();
  }

  /** Admits new members that hold an invitation. */
  interface JoinDesk {
    /** Whether {@code secret} belongs to a pending, unexpired invitation (does not use it up). */
    boolean recognises(String secret);

    /**
     * Uses up the invitation and makes {@code request} a member.
     *
     * @throws GtfcException REFUSED with the reason, sent back to the joiner as one line
     */
    JoinAnswer admit(String secret, JoinRequest request);
  }

  /** Admits new members vouched for by an admin's key, without a token (the ssh-agent join). */
  @FunctionalInterface
  interface VouchedJoins {
    /**
     * Makes {@code request} a read-write member because {@code admin}'s key signed in.
     *
     * @throws GtfcException REFUSED with the reason (not an admin, taken name, ...), sent back as one line
     */
    JoinAnswer admit(NodeId admin, JoinRequest request);
  }

  /** Hears about accepted pushes. */
  @FunctionalInterface
  interface InboxListener {
    /**
     * Called after {@code sender}'s inbox moved to {@code head}, before the pushing peer is told
     * the push succeeded; runs on the server's session thread.
     */
    void received(NodeId sender, Revision head);
  }

  /** What to serve and to whom. */
  @Value.Immutable
  abstract class Spec {
    public abstract Endpoint listen();

    public abstract FolderLayout folder();

    /** This node's own id, so that it never accepts a push into its own inbox. */
    public abstract NodeId self();

    public abstract Members members();

    public abstract JoinDesk joins();

    /** Joins without a token; by default refused. */
    @Value.Default
    public VouchedJoins vouchedJoins() {
      return (admin, request) -> {
        throw new GtfcException(Problem.REFUSED, "this node admits new members only with a join token: ask an admin"
            + " for one ('gtfc invite')");
      };
    }

    public abstract InboxListener listener();

    public static ImmutableSpec.Builder builder() {
      return ImmutableSpec.builder();
    }
  }
}
