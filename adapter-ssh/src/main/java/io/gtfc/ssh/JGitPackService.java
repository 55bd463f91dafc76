package io.gtfc.ssh;

import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.PackService;
import io.gtfc.ports.PeerServer;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Refs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * git upload-pack and receive-pack with JGit on the folder's git directory, and nothing else: the
 * repository served is always {@link FolderLayout#gitDir()}, never a path a client names. Used by
 * the embedded server's commands and by {@code gtfc shell} behind OpenSSH.
 */
public final class JGitPackService implements PackService {
  private static final Logger LOG = LoggerFactory.getLogger(JGitPackService.class);

  private final ServerLimits limits;

  public JGitPackService(ServerLimits limits) {
    this.limits = limits;
  }

  @Override
  public void upload(FolderLayout folder, InputStream in, OutputStream out, OutputStream err) {
    try (Repository repo = open(folder)) {
      UploadPack up = new UploadPack(repo);
      up.setRefFilter(refs -> only(refs, Refs.MAIN));
      up.upload(in, out, err);
    } catch (IOException e) {
      throw broken(e);
    }
  }

  @Override
  public Optional<Revision> receive(FolderLayout folder, NodeId sender, PushGate gate,
      PeerServer.InboxListener listener, InputStream in, OutputStream out, OutputStream err) {
    try (Repository repo = open(folder)) {
      // never let a push start a gc on the session thread; the store adapter owns housekeeping
      repo.getConfig().setBoolean("receive", null, "autogc", false);
      InboxReceivePack receive = new InboxReceivePack(repo, sender, gate, listener, limits);
      receive.receive(in, out, err);
      return receive.accepted();
    } catch (UnpackException e) {
      // the client has been told ("unpack error ..."); nothing was stored
      LOG.warn("refused a push from {}: {}", sender, e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      return Optional.empty();
    } catch (IOException e) {
      throw broken(e);
    }
  }

  @Override
  public void refuse(String message, boolean git, OutputStream out, OutputStream err) {
    String line = message.replace('\n', ' ');
    LOG.warn("refused a command: {}", line);
    try {
      err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
      if (git) {
        new PacketLineOut(out).writeString("ERR " + line + "\n");
        out.flush();
      }
    } catch (IOException e) {
      LOG.debug("could not tell the client why", e);
    }
  }

  static Repository open(FolderLayout folder) {
    try {
      // bare: this adapter reads and writes refs and objects only; the working tree belongs to adapter-git
      return new FileRepositoryBuilder()
          .setGitDir(folder.gitDir().toFile())
          .setBare()
          .setMustExist(true)
          .build();
    } catch (IOException | IllegalArgumentException e) {
      throw new GtfcException(Problem.BAD_STATE,
          "there is no git directory for " + folder + " at " + folder.gitDir() + ": is it a gtfc folder?", e);
    }
  }

  private static GtfcException broken(IOException e) {
    return new GtfcException(Problem.UNREACHABLE, "the connection to the peer broke: " + e.getMessage(), e);
  }

  private static Map<String, Ref> only(Map<String, Ref> refs, String name) {
    Ref ref = refs.get(name);
    return ref == null ? Map.of() : Map.of(name, ref);
  }
}
