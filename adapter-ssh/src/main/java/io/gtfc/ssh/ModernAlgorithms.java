package io.gtfc.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.helpers.AbstractFactoryManager;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.DHFactory;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;

/**
 * The only algorithms gtfc speaks, as server and as client: key exchange on curve25519 or large
 * prime groups with SHA-2, AEAD or CTR ciphers, encrypt-then-MAC SHA-2 MACs, ed25519 keys. Nothing
 * with SHA-1, RSA, CBC, NIST curves or small groups, so a scanner such as ssh-audit finds no weak
 * algorithm to flag.
 */
final class ModernAlgorithms {
  static final List<BuiltinDHFactories> KEX = List.of(
      BuiltinDHFactories.curve25519,
      BuiltinDHFactories.curve25519_libssh,
      BuiltinDHFactories.dhg16_512,
      BuiltinDHFactories.dhg18_512);

  static final List<BuiltinCiphers> CIPHERS = List.of(
      BuiltinCiphers.cc20p1305_openssh,
      BuiltinCiphers.aes256gcm,
      BuiltinCiphers.aes128gcm,
      BuiltinCiphers.aes256ctr,
      BuiltinCiphers.aes128ctr);

  static final List<BuiltinMacs> MACS = List.of(BuiltinMacs.hmacsha256etm, BuiltinMacs.hmacsha512etm);

  /** Host keys and user keys alike. */
  static final List<BuiltinSignatures> SIGNATURES = List.of(BuiltinSignatures.ed25519);

  private ModernAlgorithms() {}

  /** Restricts a MINA server to these algorithms and no compression. */
  static void apply(SshServer server) {
    apply(server, ServerBuilder.DH2KEX);
  }

  /** Restricts a MINA client to these algorithms and no compression. */
  static void apply(SshClient client) {
    apply(client, ClientBuilder.DH2KEX);
  }

  private static void apply(AbstractFactoryManager manager, Function<DHFactory, KeyExchangeFactory> side) {
    manager.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, KEX, side));
    manager.setCipherFactories(new ArrayList<>(CIPHERS));
    manager.setMacFactories(new ArrayList<>(MACS));
    manager.setSignatureFactories(new ArrayList<>(SIGNATURES));
    manager.setCompressionFactories(List.of(BuiltinCompressions.none));
  }

  /**
   * The same choice as OpenSSH client options, for JGit's MINA client, which reads its algorithms
   * from ssh_config entries. JGit reads no {@code MACs} entry: with the AEAD ciphers it prefers, no
   * MAC is used, and MINA's own MAC preference starts with the encrypt-then-MAC SHA-2 ones.
   */
  static Map<String, String> clientOptions() {
    return Map.of(
        "KexAlgorithms", names(KEX),
        "Ciphers", names(CIPHERS),
        "MACs", names(MACS),
        "HostKeyAlgorithms", names(SIGNATURES),
        "PubkeyAcceptedAlgorithms", names(SIGNATURES));
  }

  static String names(List<? extends NamedResource> algorithms) {
    return algorithms.stream().map(NamedResource::getName).collect(Collectors.joining(","));
  }
}
