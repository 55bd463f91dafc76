package io.gtfc.git.archfixture;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Key handling outside the SSH adapter. */
public final class GitAdapterUsingBouncyCastle {
  public BouncyCastleProvider provider;
}
