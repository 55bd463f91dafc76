package io.gtfc.it.exchange;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.git.JGitVersionStores;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.contracts.PeerExchangeContract;
import io.gtfc.ssh.MinaNodeKeys;
import io.gtfc.ssh.SshPeerTransport;
import io.gtfc.ssh.SshdPeerServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The SSH adapter (MINA server, JGit's MINA client) over real JGit stores passes the exchange contract. */
class SshPeerExchangeTest extends PeerExchangeContract {
  @TempDir
  Path temp;

  @Override
  protected Node node(String name) {
    Path home = temp.resolve(name).resolve("home");
    MinaNodeKeys keys = new MinaNodeKeys(home);
    keys.ensure();
    JGitVersionStores stores = new JGitVersionStores();
    FolderLayout folder = FolderLayout.of(temp.resolve(name).resolve("share"));
    stores.create(folder).close();
    return new Node(NodeId.of(name), folder, stores, keys, new SshPeerTransport(home), new SshdPeerServer(home));
  }

  @Override
  protected Endpoint listen() {
    return Endpoint.of("127.0.0.1", 0);
  }

  @Override
  protected void write(Node node, RelativePath path, byte[] content) {
    try {
      Path file = node.folder().folder().resolve(path.value());
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
