package io.gtfc.ssh;

import io.gtfc.domain.Endpoint;
import io.gtfc.domain.Member;
import io.gtfc.domain.NodeId;
import io.gtfc.domain.Role;
import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.NodeIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** A node for tests: its home with real keys, and its folder with a git directory beside it, made with plain JGit. */
final class TestNode {
  final NodeId id;
  final Path home;
  final FolderLayout layout;
  final NodeIdentity identity;

  TestNode(Path root, String name) throws Exception {
    this.id = NodeId.of(name);
    this.home = root.resolve(name).resolve("home");
    this.layout = FolderLayout.of(root.resolve(name).resolve("share"));
    this.identity = new MinaNodeKeys(home).ensure();
    Files.createDirectories(layout.folder());
    Git.init()
        .setDirectory(layout.folder().toFile())
        .setGitDir(layout.gitDir().toFile())
        .setInitialBranch("main")
        .call()
        .close();
  }

  Member member(Role role, Endpoint endpoint) {
    return Member.builder()
        .id(id)
        .role(role)
        .userKey(identity.userKey())
        .hostKey(identity.hostKey())
        .endpoint(endpoint)
        .build();
  }

  /** Writes {@code file} and commits it on main; returns the new commit id. */
  String commit(String file, String content) throws Exception {
    Files.writeString(layout.folder().resolve(file), content);
    try (Repository repo = repository(); Git git = new Git(repo)) {
      git.add().addFilepattern(file).call();
      PersonIdent who = new PersonIdent(id.value(), id.value() + "@gtfc.invalid");
      return git.commit().setMessage("edit " + file).setAuthor(who).setCommitter(who).setSign(false).call().name();
    }
  }

  /** The commit a ref names, if the ref exists. */
  Optional<String> ref(String name) throws IOException {
    try (Repository repo = repository()) {
      Ref ref = repo.exactRef(name);
      return ref == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
    }
  }

  private Repository repository() throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(layout.gitDir().toFile())
        .setWorkTree(layout.folder().toFile())
        .setMustExist(true)
        .build();
  }
}
