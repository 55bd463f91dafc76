package io.gtfc.ssh;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;

/**
 * Gives MINA SSHD ed25519 through the JDK ({@link JdkEd25519}), and nothing else: every other
 * algorithm MINA looks up comes from the JDK's providers as usual. MINA creates it by name when
 * the JVM starts with {@value #REGISTRARS_OPTION} (the launcher, service files and node images
 * pass it); without that option MINA registers Bouncy Castle as before.
 */
public final class JdkEd25519Registrar extends AbstractSecurityProviderRegistrar {
  /** The JVM option that makes MINA use this registrar (and the JDK's own one) instead of Bouncy Castle. */
  public static final String REGISTRARS_OPTION = "-Dorg.apache.sshd.security.registrars="
      + "org.apache.sshd.common.util.security.SunJCESecurityProviderRegistrar,io.gtfc.ssh.JdkEd25519Registrar";

  private final JdkEd25519 support = new JdkEd25519();

  public JdkEd25519Registrar() {
    super("JdkEd25519");
  }

  @Override
  public boolean isSupported() {
    return Security.getProvider("SunEC") != null;
  }

  @Override
  public Provider getSecurityProvider() {
    return Security.getProvider("SunEC");
  }

  @Override
  public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
    return false; // MINA asks the JDK's providers for everything; this registrar only adds the ed25519 key handling
  }

  @Override
  public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
    return Optional.of(support);
  }
}
