package io.gtfc.ssh;

import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Refs;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receive-pack that lets a member update exactly one ref, its own inbox, and tells the listener
 * about the new head before the pusher hears that its push succeeded. A listener that refuses
 * (the push changes the member list without an admin's signature) turns the push into a refusal
 * with its reason; the inbox keeps what arrived, but nothing of it is integrated.
 */
final class InboxReceivePack extends ReceivePack {
  private static final Logger LOG = LoggerFactory.getLogger(InboxReceivePack.class);

  private final NodeId sender;
  private final PeerServer.Spec spec;

  InboxReceivePack(Repository repo, NodeId sender, PeerServer.Spec spec) {
    super(repo);
    this.sender = sender;
    this.spec = spec;
    setAllowCreates(true);
    setAllowDeletes(false);
    setAllowNonFastForwards(true);
    setAllowPushOptions(false);
    setCheckReceivedObjects(true);
    setRefFilter(this::advertised);
    setPreReceiveHook((rp, commands) -> check(commands));
  }

  /** The refs the pusher needs to send a small pack: the working branch and its own inbox. */
  private Map<String, Ref> advertised(Map<String, Ref> refs) {
    Map<String, Ref> shown = new HashMap<>();
    for (String name : List.of(Refs.MAIN, Refs.inbox(sender))) {
      Ref ref = refs.get(name);
      if (ref != null) {
        shown.put(name, ref);
      }
    }
    return shown;
  }

  private void check(Collection<ReceiveCommand> commands) {
    Optional<String> refusal = refusalFor(commands);
    if (refusal.isPresent()) {
      LOG.warn("refused a push from {}: {}", sender, refusal.get());
      for (ReceiveCommand c : commands) {
        c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, refusal.get());
      }
    }
  }

  private Optional<String> refusalFor(Collection<ReceiveCommand> commands) {
    Optional<String> refusal = refusalOf(sender, spec);
    if (refusal.isPresent()) {
      return refusal;
    }
    String inbox = Refs.inbox(sender);
    if (getAllCommands().size() != 1) {
      return Optional.of("push one ref at a time, and only into " + inbox);
    }
    for (ReceiveCommand c : commands) {
      if (!c.getRefName().equals(inbox)) {
        return Optional.of(sender + " may push only into " + inbox + ", not into " + c.getRefName());
      }
      if (c.getType() == ReceiveCommand.Type.DELETE) {
        return Optional.of(sender + " may not delete " + inbox);
      }
    }
    return Optional.empty();
  }

  /** Why {@code sender} may not push here at all, read from the current member list; empty if it may. */
  static Optional<String> refusalOf(NodeId sender, PeerServer.Spec spec) {
    if (sender.equals(spec.self())) {
      return Optional.of(sender + " is this node's own name: a node never pushes to itself");
    }
    Optional<Member> now = spec.members().current().member(sender);
    if (now.isEmpty()) {
      return Optional.of(sender + " is no longer a member of this cluster: its changes are not accepted");
    }
    if (!now.get().role().mayPush()) {
      return Optional.of(sender + " is a read-only member of this cluster: its changes are not accepted");
    }
    return Optional.empty();
  }

  @Override
  protected void executeCommands() {
    super.executeCommands();
    for (ReceiveCommand c : filterCommands(ReceiveCommand.Result.OK)) {
      Revision head = Revision.of(c.getNewId().name());
      LOG.info("{} pushed {} into {}", sender, head.abbreviated(), c.getRefName());
      try {
        spec.listener().received(sender, head);
      } catch (GtfcException e) {
        if (e.problem() != Problem.REFUSED) {
          LOG.warn("received {} from {} but could not integrate it", head.abbreviated(), sender, e);
          sendMessage("the push arrived but " + spec.self() + " could not integrate it yet: " + e.getMessage());
          continue;
        }
        // the inbox keeps what was sent, for the record; the pusher hears that nothing of it is taken in
        LOG.warn("refused the push from {}: {}", sender, e.getMessage());
        c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("received {} from {} but could not integrate it", head.abbreviated(), sender, e);
        sendMessage("the push arrived but " + spec.self() + " could not integrate it yet: " + e.getMessage());
      }
    }
  }
}
