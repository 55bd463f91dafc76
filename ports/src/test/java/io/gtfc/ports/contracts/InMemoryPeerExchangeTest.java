package io.gtfc.ports.contracts;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.fakes.FakeNodeKeys;
import io.gtfc.ports.fakes.InMemoryPeerNetwork;
import io.gtfc.ports.fakes.InMemoryVersionStores;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

class InMemoryPeerExchangeTest extends PeerExchangeContract {
  private final InMemoryPeerNetwork network = new InMemoryPeerNetwork();
  private final Map<NodeId, InMemoryVersionStores> disks = new HashMap<>();

  @Override
  protected Node node(String name) {
    InMemoryVersionStores disk = new InMemoryVersionStores();
    FakeNodeKeys keys = new FakeNodeKeys(name);
    keys.ensure();
    FolderLayout folder = FolderLayout.of(Path.of("/fake", name, "share"));
    disk.create(folder).close();
    disks.put(NodeId.of(name), disk);
    return new Node(NodeId.of(name), folder, disk, keys, network.transport(disk, keys), network.server(disk, keys));
  }

  @Override
  protected Endpoint listen() {
    return Endpoint.of("127.0.0.1", 0);
  }

  @Override
  protected void write(Node node, RelativePath path, byte[] content) {
    disks.get(node.id()).writeInWorkingTree(node.folder(), path, content);
  }
}
