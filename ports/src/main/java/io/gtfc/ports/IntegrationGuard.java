package io.gtfc.ports;

import io.gtfc.domain.MemberFiles;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.RelativePath;
import java.util.Map;
import java.util.Optional;

/**
 * Vets what an integration would do to one directory of the folder before anything of it is
 * applied (see {@link VersionStore#integrate(NodeId, IntegrationGuard)}): how every node refuses
 * a member change that no admin signed. Called on the integrating thread with the folder's lock
 * held; it must not call back into the store.
 */
public interface IntegrationGuard {
  /** Lets every integration through. */
  IntegrationGuard NONE = new IntegrationGuard() {
    @Override
    public RelativePath directory() {
      return MemberFiles.DIRECTORY;
    }

    @Override
    public Optional<String> refusal(Map<RelativePath, byte[]> before, Map<RelativePath, byte[]> after) {
      return Optional.empty();
    }
  };

  /** The directory whose files the guard looks at. */
  RelativePath directory();

  /**
   * Decides on one integration.
   *
   * @param before the files under {@link #directory()} at the branch head now, by path; empty
   *     while there is no head
   * @param after the files under {@link #directory()} in the tree the integration would produce
   * @return why the integration must not happen, one line for the log and for the sender; empty
   *     to let it happen
   */
  Optional<String> refusal(Map<RelativePath, byte[]> before, Map<RelativePath, byte[]> after);
}
