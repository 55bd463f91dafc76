package io.gtfc.ssh;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.PushPermission;
import io.gtfc.domain.Revision;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.PackService;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Refs;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receive-pack that lets a member update exactly one ref, its own inbox, within the size limits,
 * and tells the listener about the new head before the pusher hears that its push succeeded. A
 * listener that refuses (the push changes the member list without an admin's signature) turns the
 * push into a refusal with its reason; the inbox keeps what arrived, but nothing of it is integrated.
 */
final class InboxReceivePack extends ReceivePack {
  private static final Logger LOG = LoggerFactory.getLogger(InboxReceivePack.class);
  private static final int LOCK_ATTEMPTS = 6;
  private static final Duration LOCK_PAUSE = Duration.ofMillis(50);

  private final NodeId sender;
  private final PackService.PushGate gate;
  private final PeerServer.InboxListener listener;
  private volatile Revision accepted;

  InboxReceivePack(Repository repo, NodeId sender, PackService.PushGate gate, PeerServer.InboxListener listener,
      ServerLimits limits) {
    super(repo);
    this.sender = sender;
    this.gate = gate;
    this.listener = listener;
    setAllowCreates(true);
    setAllowDeletes(false);
    setAllowNonFastForwards(true);
    setAllowPushOptions(false);
    setCheckReceivedObjects(true);
    // a one-file change in a big folder is checked by what it changes, not by walking the whole folder
    setRetainParsedObjectIDs(true);
    connectivityChecker = new ChangedTreesConnectivity();
    setMaxPackSizeLimit(limits.maxPackBytes());
    setMaxObjectSizeLimit(limits.maxObjectBytes());
    setRefFilter(this::advertised);
    setPreReceiveHook((rp, commands) -> check(commands));
  }

  /** The gate of the embedded server: the member list it serves, read when the push arrives. */
  static PackService.PushGate gateOf(PeerServer.Spec spec) {
    return sender -> PushPermission.refusal(spec.members().current(), spec.self(), sender);
  }

  /** The head the push moved the inbox to, once accepted. */
  Optional<Revision> accepted() {
    return Optional.ofNullable(accepted);
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
    Optional<String> refusal = gate.refusal(sender);
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

  @Override
  protected void executeCommands() {
    super.executeCommands();
    retryWhileLocked();
    for (ReceiveCommand c : filterCommands(ReceiveCommand.Result.OK)) {
      Revision head = Revision.of(c.getNewId().name());
      accepted = head;
      LOG.info("{} pushed {} into {}", sender, head.abbreviated(), c.getRefName());
      try {
        listener.received(sender, head);
      } catch (GtfcException e) {
        if (e.problem() != Problem.REFUSED) {
          LOG.warn("received {} from {} but could not integrate it", head.abbreviated(), sender, e);
          sendMessage("the push arrived but it could not be integrated yet: " + e.getMessage());
          continue;
        }
        // the inbox keeps what was sent, for the record; the pusher hears that nothing of it is taken in
        LOG.warn("refused the push from {}: {}", sender, e.getMessage());
        c.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("received {} from {} but could not integrate it", head.abbreviated(), sender, e);
        sendMessage("the push arrived but it could not be integrated yet: " + e.getMessage());
      }
    }
  }

  /**
   * This node's own fetch from the sender (its catch-up) writes the same inbox ref, so a push may
   * find the ref locked for a moment: it tries again a few times rather than fail. A lock left by
   * a process killed in the middle of an update goes at once (see {@link StaleRefLock}). When the
   * ref meanwhile already holds the pushed commit or a later one, the push has arrived.
   */
  private void retryWhileLocked() {
    for (int attempt = 1; attempt <= LOCK_ATTEMPTS; attempt++) {
      List<ReceiveCommand> locked = filterCommands(ReceiveCommand.Result.LOCK_FAILURE);
      if (locked.isEmpty()) {
        return;
      }
      boolean worthTryingNow = false;
      for (ReceiveCommand c : locked) {
        worthTryingNow |= StaleRefLock.removeIfStale(getRepository(), c.getRefName());
      }
      if (!worthTryingNow) {
        try {
          Thread.sleep(LOCK_PAUSE.toMillis() * attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      for (ReceiveCommand c : locked) {
        c.setResult(updateAgain(c));
      }
    }
    filterCommands(ReceiveCommand.Result.LOCK_FAILURE)
        .forEach(c -> LOG.warn("could not take in {}'s push: {} stayed locked", sender, c.getRefName()));
  }

  private ReceiveCommand.Result updateAgain(ReceiveCommand c) {
    try (RevWalk walk = new RevWalk(getRepository())) {
      Ref now = getRepository().exactRef(c.getRefName());
      if (now != null && now.getObjectId() != null && (now.getObjectId().equals(c.getNewId())
          || walk.isMergedInto(walk.parseCommit(c.getNewId()), walk.parseCommit(now.getObjectId())))) {
        return ReceiveCommand.Result.OK;
      }
      RefUpdate update = getRepository().updateRef(c.getRefName());
      update.setExpectedOldObjectId(now == null ? ObjectId.zeroId() : now.getObjectId());
      update.setNewObjectId(c.getNewId());
      update.setForceUpdate(true);
      return switch (update.update(walk)) {
        case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> ReceiveCommand.Result.OK;
        case LOCK_FAILURE -> ReceiveCommand.Result.LOCK_FAILURE;
        default -> ReceiveCommand.Result.REJECTED_OTHER_REASON;
      };
    } catch (IOException e) {
      LOG.warn("could not update {} for {}'s push", c.getRefName(), sender, e);
      return ReceiveCommand.Result.REJECTED_OTHER_REASON;
    }
  }
}
