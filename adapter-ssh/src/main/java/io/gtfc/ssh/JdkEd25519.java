package io.gtfc.ssh;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSAUtils;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * ed25519 for MINA SSHD through the JDK's own EdDSA (SunEC, Java 15 and later) instead of Bouncy
 * Castle: MINA 2.20 finds ed25519 only through a provider registrar, and registering Bouncy
 * Castle's loads about 800 classes and its whole algorithm table (about 5 MB of metaspace and
 * 2 MB of heap in every daemon). Keys in files are the same OpenSSH format either way.
 */
final class JdkEd25519 implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {
  private static final String ALGORITHM = "Ed25519";

  @Override
  public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
    return new GenericEd25519PublicKeyDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
  }

  @Override
  public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
    return new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);
  }

  @Override
  public Signature getEDDSASigner() {
    return new GenericSignatureEd25519(ALGORITHM);
  }

  @Override
  public int getEDDSAKeySize(Key key) {
    return key instanceof EdECKey edec && ALGORITHM.equalsIgnoreCase(edec.getParams().getName()) ? KEY_SIZE : -1;
  }

  @Override
  public Class<EdECPublicKey> getEDDSAPublicKeyType() {
    return EdECPublicKey.class;
  }

  @Override
  public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
    return EdECPrivateKey.class;
  }

  @Override
  public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
    return k1 instanceof EdECPublicKey && k2 instanceof EdECPublicKey
        && Arrays.equals(k1.getEncoded(), k2.getEncoded());
  }

  @Override
  public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
    return k1 instanceof EdECPrivateKey && k2 instanceof EdECPrivateKey
        && Arrays.equals(k1.getEncoded(), k2.getEncoded());
  }

  /**
   * The JDK has no call that derives an ed25519 public key from the private one, but its key pair
   * generator draws exactly the 32 private bytes from the random source it is given and derives
   * the public key from them (RFC 8032, 5.1.5): given the private key's bytes as its "random"
   * source, it makes the same key pair again.
   */
  @Override
  public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
    if (!(key instanceof EdECPrivateKey edec)) {
      throw new InvalidKeyException("not an ed25519 private key: " + (key == null ? null : key.getAlgorithm()));
    }
    byte[] seed = edec.getBytes().orElseThrow(() -> new InvalidKeyException("the ed25519 private key has no bytes"));
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, new Replay(seed));
      return (EdECPublicKey) generator.generateKeyPair().getPublic();
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  @Override
  public EdECPublicKey generateEDDSAPublicKey(byte[] raw) throws GeneralSecurityException {
    return (EdECPublicKey) KeyFactory.getInstance(ALGORITHM).generatePublic(EdDSAUtils.createPublicKeySpec(raw));
  }

  @Override
  public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException {
    return (EdECPrivateKey) KeyFactory.getInstance(ALGORITHM).generatePrivate(EdDSAUtils.createPrivateKeySpec(seed));
  }

  @Override
  public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
    buffer.putBytes(raw(key));
    return buffer;
  }

  @Override
  public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey publicKey, PrivateKey privateKey) {
    throw new UnsupportedOperationException("an ed25519 key pair is written through its OpenSSH key file encoder");
  }

  @Override
  public KeySpec createPublicKeySpec(EdECPublicKey publicKey) {
    return new X509EncodedKeySpec(publicKey.getEncoded());
  }

  @Override
  public KeySpec createPrivateKeySpec(EdECPrivateKey privateKey) {
    return new PKCS8EncodedKeySpec(privateKey.getEncoded());
  }

  @Override
  public byte[] getPublicKeyData(EdECPublicKey publicKey) {
    return publicKey == null ? null : raw(publicKey);
  }

  /** The key's 32 bytes as SSH sends them. */
  private static byte[] raw(PublicKey key) {
    try {
      return EdDSAUtils.getBytes(key);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public byte[] getPrivateKeyData(EdECPrivateKey privateKey) throws IOException {
    try {
      return EdDSAUtils.getBytes(privateKey);
    } catch (InvalidKeyException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public String getKeyFactoryAlgorithm() {
    return ALGORITHM;
  }

  /** A "random" source that hands out the given bytes: only for {@link #recoverEDDSAPublicKey}. */
  private static final class Replay extends SecureRandom {
    private final byte[] bytes;

    Replay(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public void nextBytes(byte[] out) {
      if (out.length != bytes.length) {
        throw new IllegalStateException("the key pair generator asked for " + out.length + " bytes, not " + bytes.length);
      }
      System.arraycopy(bytes, 0, out, 0, out.length);
    }
  }
}
