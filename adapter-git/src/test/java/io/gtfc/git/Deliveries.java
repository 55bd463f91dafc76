package io.gtfc.git;

import io.gtfc.domain.NodeId;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.Refs;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/** A stand-in transport for tests: a local fetch through a Repository of its own, as the SSH adapter's receive-pack would write the inbox. */
final class Deliveries {
  private Deliveries() {}

  static void deliver(FolderLayout from, NodeId sender, FolderLayout to) {
    try (Repository receiver = new FileRepositoryBuilder()
            .setGitDir(to.gitDir().toFile()).setMustExist(true).build();
        Git git = Git.wrap(receiver)) {
      git.fetch()
          .setRemote(from.gitDir().toUri().toString())
          .setRefSpecs(new RefSpec("+" + Refs.MAIN + ":" + Refs.inbox(sender)))
          .call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }
}
