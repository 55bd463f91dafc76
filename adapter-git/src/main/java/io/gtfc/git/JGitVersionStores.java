package io.gtfc.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.gtfc.ports.FolderLayout;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import io.gtfc.ports.Progress;
import io.gtfc.ports.Refs;
import io.gtfc.ports.VersionStore;
import io.gtfc.ports.VersionStores;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.internal.storage.file.FileSnapshot;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * Creates and opens folders whose history JGit keeps in a {@code .git.NAME} directory beside
 * them. Opening first recovers from a crash: stale lock files go, an interrupted checkout is
 * finished. Thread-safe.
 */
public final class JGitVersionStores implements VersionStores {
  /** Beside a file we never create, so a user's global excludes or attributes cannot apply. */
  private static final String NO_GLOBAL_EXCLUDES = "gtfc-no-global-excludes";
  private static final String NO_GLOBAL_ATTRIBUTES = "gtfc-no-global-attributes";
  /** A home for "~/" in this repository's settings that holds nothing. */
  private static final String NO_HOME = "gtfc-no-home";
  private static final String GITDIR_PREFIX = "gitdir:";

  /**
   * Files are synced byte for byte: whatever a synced {@code .gitattributes} says, no end-of-line
   * conversion and no clean/smudge filter (which would run programs) applies.
   */
  private static final String INFO_ATTRIBUTES =
      "# written by gtfc: files are synced byte for byte\n* -text -filter -ident\n";

  private final Progress progress;

  public JGitVersionStores() {
    this(Progress.NONE);
  }

  /** Reports long work (the first scan of a large folder, a large checkout) to {@code progress}. */
  public JGitVersionStores(Progress progress) {
    this.progress = progress;
  }

  /**
   * Initializes, without reading any repository or writing anything, what JGit sets up once per
   * JVM before it opens a first one: file system detection, the SHA-1 provider, its messages
   * (loaded in full when its clean-up hook is registered) and file snapshots. For a start-up
   * thread, to run on a second core while the command line is parsed; opening a store afterwards
   * finds it done. Must finish before any other thread uses JGit (a class initialized from two
   * threads at once can deadlock).
   */
  public static void prepare() {
    FS.DETECTED.supportsExecute();
    Constants.newMessageDigest();
    JGitText.get();
    Objects.requireNonNull(FS.FileStoreAttributes.FALLBACK_FILESTORE_ATTRIBUTES);
    Objects.requireNonNull(FileSnapshot.DIRTY);
  }

  @Override
  public VersionStore create(FolderLayout layout) {
    if (Files.exists(layout.gitDir(), LinkOption.NOFOLLOW_LINKS)) {
      throw new GtfcException(Problem.BAD_STATE, exists(layout)
          ? "'" + layout + "' is already a gtfc folder"
          : "'" + layout.gitDir() + "' already exists: move it away or choose another folder");
    }
    if (Files.exists(layout.gitFile(), LinkOption.NOFOLLOW_LINKS)) {
      throw new GtfcException(Problem.BAD_STATE, "'" + layout + "' already holds a .git entry:"
          + " gtfc does not take over a git working tree, choose another folder");
    }
    if (Files.exists(layout.folder()) && !Files.isDirectory(layout.folder())) {
      throw new GtfcException(Problem.BAD_INPUT, "'" + layout + "' is a file, not a folder");
    }
    Repository repository = null;
    try {
      Files.createDirectories(layout.folder());
      repository = builder(layout).setInitialBranch(Repository.shortenRefName(Refs.MAIN)).build();
      repository.create(false);
      makeSafe(repository, layout);
      return new JGitVersionStore(layout, repository, progress);
    } catch (IOException | GitAPIException | RuntimeException e) {
      if (repository != null) {
        repository.close();
      }
      forgetQuietly(layout);
      throw e instanceof GtfcException g ? g
          : new GtfcException(Problem.ENVIRONMENT,
              "cannot create the git directory " + layout.gitDir() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public VersionStore open(FolderLayout layout) {
    if (!exists(layout)) {
      throw new GtfcException(Problem.BAD_STATE,
          "'" + layout + "' is not a gtfc folder: bootstrap or join it first");
    }
    JGitVersionStore store;
    try {
      store = new JGitVersionStore(layout, builder(layout).setMustExist(true).build(), progress);
    } catch (IOException | RuntimeException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot open the git directory " + layout.gitDir() + ": " + e.getMessage(), e);
    }
    try {
      store.recover();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public boolean exists(FolderLayout layout) {
    return Files.isDirectory(layout.gitDir(), LinkOption.NOFOLLOW_LINKS)
        && Files.isRegularFile(layout.gitDir().resolve(Constants.HEAD))
        && namesGitDir(layout);
  }

  @Override
  public Optional<FolderLayout> find(Path start) {
    for (Path p = start.toAbsolutePath().normalize(); p.getParent() != null; p = p.getParent()) {
      FolderLayout candidate = FolderLayout.of(p);
      if (exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Override
  public void forget(FolderLayout layout) {
    try {
      if (Files.isRegularFile(layout.gitFile(), LinkOption.NOFOLLOW_LINKS)
          && gitFileTarget(layout.gitFile()).isPresent()) {
        Files.delete(layout.gitFile());
      }
      deleteTree(layout.gitDir());
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot remove the git directory " + layout.gitDir() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(FolderLayout layout) {
    if (!exists(layout)) {
      if (Files.exists(layout.folder(), LinkOption.NOFOLLOW_LINKS)) {
        throw new GtfcException(Problem.BAD_STATE, layout.folder() + " is not a gtfc folder:"
            + " gtfc deletes only folders it keeps");
      }
      return;
    }
    try {
      deleteTree(layout.folder());
      deleteTree(layout.gitDir());
    } catch (IOException e) {
      throw new GtfcException(Problem.ENVIRONMENT,
          "cannot delete " + layout.folder() + " (" + e.getMessage() + "): check its permissions", e);
    }
  }

  /**
   * Each repository gets its own FS so that "~/" in its settings resolves to an empty place and
   * nothing JVM-wide (FS.DETECTED) is changed. JGit still layers the user's and system git config
   * under the repository's own (SystemReader does that for the whole JVM), which is why
   * {@link #makeSafe} writes every setting that matters into the repository.
   */
  private static FileRepositoryBuilder builder(FolderLayout layout) {
    FS fs = FS.DETECTED.newInstance().setUserHome(layout.gitDir().resolve(NO_HOME).toFile());
    return new FileRepositoryBuilder()
        .setFS(fs)
        .setGitDir(layout.gitDir().toFile())
        .setWorkTree(layout.folder().toFile());
  }

  /** Settings that keep a user's git config from changing what is committed or run. */
  private static void makeSafe(Repository repository, FolderLayout layout) throws IOException {
    Path gitDir = layout.gitDir();
    StoredConfig config = repository.getConfig();
    String core = ConfigConstants.CONFIG_CORE_SECTION;
    config.setBoolean(core, null, ConfigConstants.CONFIG_KEY_BARE, false);
    config.setBoolean(core, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
    // JGit's create() probed the file system and wrote filemode; keep that, it is true on POSIX
    if (repository.getFS().supportsSymlinks()) {
      config.setBoolean(core, null, ConfigConstants.CONFIG_KEY_SYMLINKS, true);
    }
    config.setString(core, null, ConfigConstants.CONFIG_KEY_EXCLUDESFILE,
        gitDir.resolve(NO_GLOBAL_EXCLUDES).toString());
    config.setString(core, null, ConfigConstants.CONFIG_KEY_ATTRIBUTESFILE,
        gitDir.resolve(NO_GLOBAL_ATTRIBUTES).toString());
    // the repository's own, empty hooks directory: a user's core.hooksPath must not run here
    config.setString(core, null, ConfigConstants.CONFIG_KEY_HOOKS_PATH,
        gitDir.resolve(Constants.HOOKS).toString());
    config.setBoolean(core, null, ConfigConstants.CONFIG_KEY_LOGALLREFUPDATES, true);
    config.setBoolean(ConfigConstants.CONFIG_COMMIT_SECTION, null,
        ConfigConstants.CONFIG_KEY_GPGSIGN, false);
    config.setBoolean(ConfigConstants.CONFIG_TAG_SECTION, null,
        ConfigConstants.CONFIG_KEY_GPGSIGN, false);
    config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
    config.setBoolean(ConfigConstants.CONFIG_RECEIVE_SECTION, null,
        ConfigConstants.CONFIG_KEY_AUTOGC, false);
    config.save();

    Path infoAttributes = gitDir.resolve(Constants.INFO_ATTRIBUTES);
    Files.createDirectories(infoAttributes.getParent());
    Files.writeString(infoAttributes, INFO_ATTRIBUTES, UTF_8);
    // git's own init writes the gitfile with a newline; JGit does not
    Files.writeString(layout.gitFile(), GITDIR_PREFIX + " " + gitDir + "\n", UTF_8);
  }

  private static boolean namesGitDir(FolderLayout layout) {
    if (!Files.isRegularFile(layout.gitFile(), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Optional<Path> target = gitFileTarget(layout.gitFile());
      return target.isPresent() && Files.isSameFile(target.get(), layout.gitDir());
    } catch (IOException e) {
      return false;
    }
  }

  /** The directory a {@code .git} file names, relative paths taken from the folder as git does. */
  private static Optional<Path> gitFileTarget(Path gitFile) throws IOException {
    String content = Files.readString(gitFile, UTF_8).strip();
    if (!content.startsWith(GITDIR_PREFIX)) {
      return Optional.empty();
    }
    String named = content.substring(GITDIR_PREFIX.length()).strip();
    return named.isEmpty() ? Optional.empty()
        : Optional.of(gitFile.resolveSibling(named).normalize());
  }

  private static void forgetQuietly(FolderLayout layout) {
    try {
      if (Files.isRegularFile(layout.gitFile(), LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(layout.gitFile());
      }
      deleteTree(layout.gitDir());
    } catch (IOException | RuntimeException e) {
      // the original failure is what the user needs to see
    }
  }

  /** Deletes a directory tree without following links out of it; nothing when it is absent. */
  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        try {
          Files.delete(dir);
        } catch (NoSuchFileException gone) {
          // removed meanwhile: the goal is reached
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
