package io.gtfc.usecases;

import io.gtfc.domain.ClusterId;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Revision;
import io.gtfc.ports.FolderLayout;
import org.immutables.value.Value;

/** How this node left its cluster: which admin removed it, and the folder it leaves as plain files. */
@Value.Immutable
public abstract class LeaveReport {
  public abstract NodeId self();

  public abstract ClusterId cluster();

  public abstract FolderLayout folder();

  public abstract NodeId removedBy();

  /** The admin's one-line answer. */
  public abstract String answer();

  /** The folder's last commit, which removed {@code .gtfc/} here. */
  public abstract Revision head();
}
