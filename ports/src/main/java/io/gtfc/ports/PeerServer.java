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

  /** Removes members that ask to leave ({@code gtfc-leave}, signed in with the member's own key). */
  @FunctionalInterface
  interface LeaveDesk {
    /**
     * Removes {@code member} from the member list at its own request and tells the other members.
     *
     * @return one line for the leaving node: what was done
     * @throws GtfcException REFUSED with the reason (this node is no admin, the member is the last
     *     admin, ...), sent back to the leaving node as one line
     */
    String leave(NodeId member);
  }

  /** Hears about accepted pushes. */
  @FunctionalInterface
  interface InboxListener {
    /**
     * Called after {@code sender}'s inbox moved to {@code head}, before the pushing peer is told
     * the push succeeded; runs on the server's session thread.
     *
     * @throws GtfcException REFUSED to turn the push into a refusal whose message the pusher sees
     *     (the inbox keeps what was sent, for the record); any other exception is reported to the
     *     pusher as a delay, the push itself having arrived
     */
    void received(NodeId sender, Revision head);
  }

  /** Hears that a member signed in, whatever it then asks for: it is up, and reachable again. */
  @FunctionalInterface
  interface Arrivals {
    /** Called once per session, right after the member's key was verified, on the server's thread; must not block. */
    void signedIn(NodeId member);
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

    /** Who hears of members signing in; by default, nobody. */
    @Value.Default
    public Arrivals arrivals() {
      return member -> { };
    }

    /** Who handles leave requests; by default, nobody: the request is refused. */
    @Value.Default
    public LeaveDesk leaves() {
      return member -> {
        throw new GtfcException(Problem.REFUSED, "this node does not remove members: ask an admin node");
      };
    }

    public static ImmutableSpec.Builder builder() {
      return ImmutableSpec.builder();
    }
  }
}
