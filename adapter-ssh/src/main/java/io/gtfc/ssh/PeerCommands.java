package io.gtfc.ssh;

import io.gtfc.domain.Member;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.JoinAnswer;
import io.gtfc.ports.JoinRequest;
import io.gtfc.ports.PeerServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exec commands of the peer server: git upload-pack and receive-pack over the folder's git
 * directory for members, {@code gtfc-join} for holders of an invitation, {@code gtfc-leave} for a
 * member that asks to be removed (signed in with its own key), a refusal for anything else. Each command runs on the server's command pool, not on MINA's I/O threads.
 */
final class PeerCommands implements CommandFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PeerCommands.class);

  private final PeerServer.Spec spec;
  private final ExecutorService pool;
  private final JGitPackService packs;

  PeerCommands(PeerServer.Spec spec, ExecutorService pool, ServerLimits limits) {
    this.spec = spec;
    this.pool = pool;
    this.packs = new JGitPackService(limits);
  }

  @Override
  public Command createCommand(ChannelSession channel, String line) {
    try {
      return commandFor(channel.getServerSession(), line);
    } catch (RuntimeException e) {
      LOG.error("cannot serve '{}'", line, e);
      return refuse("this node cannot serve the request now: " + e.getMessage(), ExecRequest.looksLikeGit(line));
    }
  }

  private Command commandFor(ServerSession session, String line) {
    String secret = session.getAttribute(SessionAuth.JOIN_SECRET);
    Optional<ExecRequest> request = ExecRequest.parse(line);
    boolean git = ExecRequest.looksLikeGit(line);
    if (request.isEmpty()) {
      return refuse(ExecRequest.refusal(line), git);
    }
    Member signedIn = session.getAttribute(SessionAuth.MEMBER);
    Member member = signedIn == null ? null : asListedNow(signedIn).orElse(null);
    if (signedIn != null && member == null) {
      return refuse(signedIn.id() + " is no longer a member of this cluster", git);
    }
    switch (request.get()) {
      case JOIN:
        if (secret != null) {
          return new Join(joiner -> spec.joins().admit(secret, joiner));
        }
        if (member != null && member.role().mayChangeMembership()) {
          // the original tool's join: an admin's key, forwarded in the new node's ssh-agent, vouches for it
          return new Join(joiner -> spec.vouchedJoins().admit(member.id(), joiner));
        }
        return refuse("gtfc-join needs an invitation (sign in as " + SessionAuth.JOIN_USER + " with the token's secret)"
            + " or an admin's key" + (member != null ? ": " + member.id() + " is a " + member.role() + " member" : ""),
            false);
      case UPLOAD_PACK:
        return member != null
            ? new Upload()
            : refuse("only members of this cluster may fetch: a join session may only run gtfc-join", true);
      case RECEIVE_PACK:
        if (member == null) {
          return refuse("only members of this cluster may push: a join session may only run gtfc-join", true);
        }
        Optional<String> refusal = InboxReceivePack.gateOf(spec).refusal(member.id());
        return refusal.isPresent() ? refuse(refusal.get(), true) : new Receive(member);
      case LEAVE:
        return member != null
            ? new Leave(member)
            : refuse("gtfc-leave is for members: sign in as " + SessionAuth.MEMBER_USER + " with the member's own key", false);
      default:
        return refuse(ExecRequest.refusal(line), git);
    }
  }

  /**
   * The member as the member list has it now: a client may keep its session open for long (gtfc's
   * own client does, between pushes), and the list may have removed or re-roled it meanwhile.
   */
  private Optional<Member> asListedNow(Member signedIn) {
    return spec.members().current().byUserKey(signedIn.userKey()).filter(m -> m.id().equals(signedIn.id()));
  }

  /** The answer to a shell request: a refusal like any other command's, instead of a silent failure. */
  Command refuseShell(ChannelSession channel) {
    return refuse("this server offers no shell: it runs only git-upload-pack '" + ExecRequest.REPOSITORY_PATH
        + "', git-receive-pack '" + ExecRequest.REPOSITORY_PATH + "', gtfc-join and gtfc-leave", false);
  }

  private Command refuse(String message, boolean git) {
    return new Refusal(message, git);
  }

  /** Common plumbing: streams, running the body on the pool, the exit status. */
  private abstract class PoolCommand implements Command {
    InputStream in;
    OutputStream out;
    OutputStream err;
    private ExitCallback exit;

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      try {
        pool.execute(this::runAndExit);
      } catch (RejectedExecutionException e) {
        exit.onExit(1, "the server is stopping");
      }
    }

    private void runAndExit() {
      int status;
      try {
        status = run();
      } catch (GtfcException e) {
        // expected trouble (a peer hung up, a refusal): one line; the trace only with --debug
        LOG.warn("{} failed: {}", getClass().getSimpleName(), e.getMessage());
        LOG.debug("{} failed", getClass().getSimpleName(), e);
        status = 1;
        writeLine(err, "gtfc: " + e.getMessage());
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} failed", getClass().getSimpleName(), e);
        status = 1;
        writeLine(err, "gtfc: " + e.getMessage());
      }
      flushQuietly(out);
      flushQuietly(err);
      exit.onExit(status);
    }

    /** The command's work; returns its exit status. */
    abstract int run() throws IOException;

    @Override
    public void destroy(ChannelSession channel) {
      // the body ends by itself once the channel's streams are closed
    }
  }

  /** One line on stderr, exit 1; a git client also gets the line as a protocol error it shows. */
  private final class Refusal extends PoolCommand {
    private final String message;
    private final boolean git;

    Refusal(String message, boolean git) {
      this.message = message;
      this.git = git;
    }

    @Override
    int run() {
      packs.refuse(message, git, out, err);
      return 1;
    }
  }

  private final class Upload extends PoolCommand {
    @Override
    int run() {
      packs.upload(spec.folder(), in, out, err);
      return 0;
    }
  }

  private final class Receive extends PoolCommand {
    private final Member member;

    Receive(Member member) {
      this.member = member;
    }

    @Override
    int run() {
      packs.receive(spec.folder(), member.id(), InboxReceivePack.gateOf(spec), spec.listener(), in, out, err);
      return 0;
    }
  }

  private final class Join extends PoolCommand {
    private final java.util.function.Function<JoinRequest, JoinAnswer> desk;

    Join(java.util.function.Function<JoinRequest, JoinAnswer> desk) {
      this.desk = desk;
    }

    @Override
    int run() throws IOException {
      JoinRequest request;
      try {
        Map<String, String> fields = JoinWire.read(in);
        request = JoinWire.parseRequest(fields);
      } catch (IllegalArgumentException e) {
        writeLine(err, "the join request cannot be read: " + e.getMessage());
        return 1;
      }
      try {
        JoinAnswer answer = desk.apply(request);
        LOG.info("admitted {} as {} member", request.name(), answer.role());
        out.write(JoinWire.answer(answer));
        return 0;
      } catch (GtfcException e) {
        LOG.warn("refused to admit {}: {}", request.name(), e.getMessage());
        writeLine(err, e.getMessage());
        return 1;
      }
    }
  }

  /** A member asks to be removed: the leave desk answers with one line (exit 0) or refuses with one (exit 1). */
  private final class Leave extends PoolCommand {
    private final Member member;

    Leave(Member member) {
      this.member = member;
    }

    @Override
    int run() {
      try {
        String answer = spec.leaves().leave(member.id());
        LOG.info("{} left at its own request: {}", member.id(), answer);
        writeLine(out, answer);
        return 0;
      } catch (GtfcException e) {
        LOG.warn("refused to remove {} at its request: {}", member.id(), e.getMessage());
        writeLine(err, e.getMessage());
        return 1;
      }
    }
  }

  private static void writeLine(OutputStream stream, String line) {
    try {
      stream.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.debug("could not write to a closed channel", e);
    }
  }

  private static void flushQuietly(OutputStream stream) {
    try {
      stream.flush();
    } catch (IOException e) {
      LOG.debug("could not flush a closed channel", e);
    }
  }
}
