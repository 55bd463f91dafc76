package io.gtfc.cli;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.NodeId;
import picocli.CommandLine.Option;

/** The name and addresses a new node takes, shared by 'bootstrap' and 'join'. */
final class AddressOptions {
  @Option(names = "--name", paramLabel = "N", description = "This node's name in the cluster. Default: the host name.")
  NodeId name;

  @Option(names = "--listen", paramLabel = "HOST:PORT",
      description = "Where this node's SSH server listens. Default: 0.0.0.0:7419.")
  Endpoint listen;

  @Option(names = "--advertise", paramLabel = "HOST:PORT",
      description = "Where peers reach this node. Default: the listen address, or this host's name.")
  Endpoint advertise;

  Addresses.Chosen choose(GtfcCommand gtfc) {
    return Addresses.choose(gtfc, name, listen, advertise);
  }
}
