package io.gtfc.ssh;

import io.gtfc.ports.Refs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock file of an inbox ref that a killed process left behind: older than
 * {@link Refs#LOCK_STALE_AFTER}, it belongs to nobody; left there, it would refuse every push of
 * that peer and every fetch from it until someone deletes it by hand.
 */
final class StaleRefLock {
  private static final Logger LOG = LoggerFactory.getLogger(StaleRefLock.class);

  private StaleRefLock() {
  }

  /** Deletes the ref's lock file if it is stale; true when it did, so that the update is worth trying again. */
  static boolean removeIfStale(Repository repo, String refName) {
    Path lock = repo.getDirectory().toPath().resolve(refName + ".lock");
    try {
      Instant written = Files.getLastModifiedTime(lock).toInstant();
      if (written.isAfter(Instant.now().minus(Refs.LOCK_STALE_AFTER))) {
        return false;
      }
      if (Files.deleteIfExists(lock)) {
        LOG.warn("removed {}.lock, left {} s ago by a process that was killed while it updated the ref",
            refName, Duration.between(written, Instant.now()).toSeconds());
      }
      return true;
    } catch (NoSuchFileException gone) {
      return true; // its owner just finished
    } catch (IOException e) {
      LOG.warn("could not check the lock file of {}: {}", refName, e.getMessage());
      return false;
    }
  }
}
