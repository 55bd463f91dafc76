package io.gtfc.usecases;

import io.gtfc.domain.Member;
import io.gtfc.domain.Membership;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import org.immutables.value.Value;

/** What bootstrap made: the folder, its first member list and commit. */
@Value.Immutable
public abstract class BootstrapReport {
  public abstract FolderLayout folder();

  public abstract Membership membership();

  public abstract Member self();

  public abstract Revision head();
}
