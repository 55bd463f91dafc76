package io.gtfc.ssh;

import io.gtfc.domain.SshPublicKey;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeIdentity;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.NodeKeys;
import io.gtfc.ports.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's keys as OpenSSH files in the node home: {@code id_ed25519} (the identity it signs
 * in with, and signs member lists with on an admin node) and {@code ssh_host_ed25519_key} (its
 * server's host key), each with a {@code .pub}. Signing happens here: the private key is read from
 * its file for each signature and never handed out.
 */
public final class MinaNodeKeys implements NodeKeys {
  static final String IDENTITY_FILE = "id_ed25519";
  static final String HOST_KEY_FILE = "ssh_host_ed25519_key";
  private static final Logger LOG = LoggerFactory.getLogger(MinaNodeKeys.class);

  private final Path home;

  public MinaNodeKeys(Path home) {
    this.home = home.toAbsolutePath().normalize();
  }

  @Override
  public synchronized NodeIdentity ensure() {
    HomeFiles.privateDirectory(home);
    SshPublicKey user = ensureKey(identityFile(home), "gtfc identity");
    SshPublicKey host = ensureKey(hostKeyFile(home), "gtfc host key");
    return NodeIdentity.of(user, host);
  }

  @Override
  public Optional<NodeIdentity> load() {
    Path user = identityFile(home);
    Path host = hostKeyFile(home);
    if (!Files.exists(user) || !Files.exists(host)) {
      return Optional.empty();
    }
    return Optional.of(NodeIdentity.of(publicHalf(user), publicHalf(host)));
  }

  @Override
  public byte[] sign(byte[] data) {
    Path file = identityFile(home);
    if (!Files.exists(file)) {
      throw new GtfcException(Problem.BAD_STATE, "this node has no identity key (" + file
          + ") to sign with: run 'gtfc bootstrap' or 'gtfc join' first, or give the right --home");
    }
    return OpenSshKeys.sign(OpenSshKeys.read(file), data);
  }

  @Override
  public synchronized void forget() {
    for (Path key : List.of(identityFile(home), hostKeyFile(home))) {
      HomeFiles.delete(publicFile(key));
      HomeFiles.delete(key);
    }
  }

  @Override
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (Path key : List.of(identityFile(home), hostKeyFile(home))) {
      if (!Files.exists(key)) {
        problems.add("the private key " + key + " is missing: give the --home this node was set up with,"
            + " or set the node up with 'gtfc bootstrap' or 'gtfc join'");
        continue;
      }
      try {
        HomeFiles.checkPrivate(key);
        if (!Files.isReadable(key)) {
          problems.add("the private key " + key + " cannot be read by this user: run gtfc as its owner");
        }
      } catch (GtfcException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  static Path identityFile(Path home) {
    return home.resolve(IDENTITY_FILE);
  }

  static Path hostKeyFile(Path home) {
    return home.resolve(HOST_KEY_FILE);
  }

  private static SshPublicKey ensureKey(Path file, String comment) {
    if (!Files.exists(file)) {
      KeyPair fresh = OpenSshKeys.generate();
      if (HomeFiles.createPrivate(file, OpenSshKeys.privateKeyFile(fresh, comment))) {
        LOG.info("created {} ({})", file, OpenSshKeys.toDomain(fresh.getPublic()).fingerprint());
      }
    }
    SshPublicKey key = publicHalf(file);
    Path pub = publicFile(file);
    String line = key.openSsh() + " " + comment + "\n";
    if (!Files.exists(pub)) {
      HomeFiles.replace(pub, line.getBytes(StandardCharsets.UTF_8), false);
    }
    return key;
  }

  /** The public key, always read from the private file: a stale or edited {@code .pub} cannot mislead. */
  private static SshPublicKey publicHalf(Path privateFile) {
    return OpenSshKeys.publicHalf(privateFile);
  }

  private static Path publicFile(Path privateFile) {
    return privateFile.resolveSibling(privateFile.getFileName() + ".pub");
  }
}
