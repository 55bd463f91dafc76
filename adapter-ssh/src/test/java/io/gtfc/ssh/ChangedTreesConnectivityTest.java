package io.gtfc.ssh;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.gtfc.domain.NodeId;
import io.gtfc.ports.Refs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PacketLineOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes hand-made packs into a real receive-pack, as a faulty or hostile peer could send them:
 * a pack that leaves a pushed commit pointing at a missing file or folder is refused, and the
 * inbox stays where it was; complete packs, reverts and moves are taken in. And what the sending
 * side picks for a push ({@link ChangedObjects}) is what the receiver needs, no more.
 */
class ChangedTreesConnectivityTest {
  private static final NodeId SENDER = NodeId.of("beta");
  private static final String INBOX = Refs.inbox(SENDER);

  @TempDir
  Path dir;

  private Repository source;
  private Repository target;
  private final List<String> received = new ArrayList<>();

  private ObjectId oldBlob;
  private ObjectId oldDocs;
  private ObjectId base;

  @BeforeEach
  void twoRepositoriesWithTheSameStart() throws IOException {
    source = new FileRepository(dir.resolve("source.git").toFile());
    source.create(true);
    target = new FileRepository(dir.resolve("target.git").toFile());
    target.create(true);
    oldBlob = blob("first version\n");
    oldDocs = tree(entry("a.txt", FileMode.REGULAR_FILE, oldBlob), entry("b.txt", FileMode.REGULAR_FILE, blob("b\n")));
    ObjectId root = tree(entry("docs", FileMode.TREE, oldDocs), entry("top.txt", FileMode.REGULAR_FILE, blob("top\n")));
    base = commit(root);
    copyAll(base);
    setRef(target, Refs.MAIN, base);
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  @Test
  void aCompletePackOfOneChangedFileIsTakenIn() throws IOException {
    ObjectId file = blob("second version\n");
    ObjectId docs = docsWith(file);
    ObjectId change = commit(root(docs), base);

    String report = push(change, change, treeOf(change), docs, file);

    assertThat(report).contains("ok " + INBOX);
    assertThat(target.exactRef(INBOX).getObjectId()).isEqualTo(change);
    assertThat(received).containsExactly(change.name());
  }

  @Test
  void aPackWithoutTheChangedFileIsRefused() throws IOException {
    ObjectId file = blob("never sent\n");
    ObjectId docs = docsWith(file);
    ObjectId change = commit(root(docs), base);

    String report = push(change, change, treeOf(change), docs);

    assertThat(report).doesNotContain("ok " + INBOX).contains(file.name());
    assertThat(target.exactRef(INBOX)).isNull();
    assertThat(received).isEmpty();
  }

  @Test
  void aPackWithoutAChangedFolderIsRefused() throws IOException {
    ObjectId docs = tree(entry("a.txt", FileMode.REGULAR_FILE, blob("unsent folder\n")));
    ObjectId change = commit(root(docs), base);

    String report = push(change, change, treeOf(change));

    assertThat(report).doesNotContain("ok " + INBOX).contains(docs.name());
    assertThat(target.exactRef(INBOX)).isNull();
  }

  @Test
  void aLeftOverFolderWithoutItsFilesIsNotTrusted() throws IOException {
    ObjectId missing = blob("only in the refused pack's folder\n");
    ObjectId orphan = tree(entry("lost.txt", FileMode.REGULAR_FILE, missing));
    ObjectId first = commit(root(orphan), base);
    assertThat(push(first, first, treeOf(first), orphan)).doesNotContain("ok " + INBOX);
    assertThat(target.getObjectDatabase().has(orphan)).isTrue();

    // the folder is now in the repository (the refused pack stays), but not the file it names
    ObjectId again = commit(tree(entry("docs", FileMode.TREE, oldDocs), entry("elsewhere", FileMode.TREE, orphan),
        entry("top.txt", FileMode.REGULAR_FILE, blobId("top\n"))), base);
    String report = push(again, again, treeOf(again));

    assertThat(report).doesNotContain("ok " + INBOX).contains(missing.name());
    assertThat(target.exactRef(INBOX)).isNull();
  }

  @Test
  void aRevertAndAMovePointAtWhatTheReceiverHasAndAreTakenIn() throws IOException {
    ObjectId file = blob("second version\n");
    ObjectId docs = docsWith(file);
    ObjectId change = commit(root(docs), base);
    assertThat(push(change, change, treeOf(change), docs, file)).contains("ok " + INBOX);

    // back to the first version (objects the receiver has), and the old folder under a new name
    ObjectId revert = commit(tree(entry("docs", FileMode.TREE, oldDocs), entry("moved", FileMode.TREE, oldDocs),
        entry("top.txt", FileMode.REGULAR_FILE, blobId("top\n"))), change);
    String report = push(revert, revert, treeOf(revert));

    assertThat(report).contains("ok " + INBOX);
    assertThat(target.exactRef(INBOX).getObjectId()).isEqualTo(revert);
  }

  @Test
  void aParentTheReceiverDoesNotHaveIsRefused() throws IOException {
    ObjectId unknown = commit(root(oldDocs), base);
    ObjectId child = commit(root(oldDocs), unknown);

    String report = push(child, child);

    assertThat(report).doesNotContain("ok " + INBOX).contains(unknown.name());
    assertThat(target.exactRef(INBOX)).isNull();
  }

  @Test
  void theSenderPicksOneChangedFileAndTheFoldersAboveItAndNothingElse() throws IOException {
    ObjectId file = blob("second version\n");
    ObjectId docs = docsWith(file);
    ObjectId change = commit(root(docs), base);

    List<ObjectId> picked = picked(change, base);

    assertThat(picked).containsExactlyInAnyOrder(change, treeOf(change), docs, file);
    assertThat(push(change, picked.toArray(ObjectId[]::new))).contains("ok " + INBOX);
  }

  @Test
  void whatTheSenderPicksForTwoBranchesAndTheirMergeIsTakenIn() throws IOException {
    ObjectId edited = blob("edited on one side\n");
    ObjectId editedDocs = docsWith(edited);
    ObjectId one = commit(root(editedDocs), base);
    ObjectId added = blob("a new file in a new folder\n");
    ObjectId src = tree(entry("main.txt", FileMode.REGULAR_FILE, added));
    ObjectId other = commit(tree(entry("docs", FileMode.TREE, oldDocs), entry("src", FileMode.TREE, src),
        entry("top.txt", FileMode.REGULAR_FILE, blobId("top\n"))), base);
    ObjectId merged = blob("written while merging\n");
    ObjectId merge = commit(tree(entry("docs", FileMode.TREE, editedDocs), entry("merge.txt", FileMode.REGULAR_FILE, merged),
        entry("src", FileMode.TREE, src), entry("top.txt", FileMode.REGULAR_FILE, blobId("top\n"))), one, other);

    List<ObjectId> picked = picked(merge, base);

    assertThat(picked).contains(one, other, merge, edited, editedDocs, added, src, merged)
        .doesNotContain(base, oldBlob, oldDocs, blobId("b\n"), blobId("top\n"));
    assertThat(push(merge, picked.toArray(ObjectId[]::new))).contains("ok " + INBOX);
    assertThat(target.exactRef(INBOX).getObjectId()).isEqualTo(merge);
  }

  @Test
  void aRevertTheSenderPicksIsSentAgainAndTakenInWithoutAWalkOfTheOldFolder() throws IOException {
    ObjectId file = blob("second version\n");
    ObjectId docs = docsWith(file);
    ObjectId change = commit(root(docs), base);
    assertThat(push(change, picked(change, base).toArray(ObjectId[]::new))).contains("ok " + INBOX);
    ObjectId revert = commit(root(oldDocs), change);

    List<ObjectId> picked = picked(revert, change);

    assertThat(picked).containsExactlyInAnyOrder(revert, treeOf(revert), oldDocs, oldBlob);
    assertThat(push(revert, picked.toArray(ObjectId[]::new))).contains("ok " + INBOX);
  }

  @Test
  void withNothingInCommonTheSenderPicksEverything() throws IOException {
    List<ObjectId> picked = picked(base, ObjectId.fromString("0123456789012345678901234567890123456789"));

    assertThat(picked).containsExactlyInAnyOrder(base, treeOf(base), oldDocs, oldBlob, blobId("b\n"), blobId("top\n"));
  }

  /** What {@link ChangedObjects} would send for {@code tip} to a peer that has {@code theirs}. */
  private List<ObjectId> picked(ObjectId tip, ObjectId theirs) throws IOException {
    try (ObjectReader reader = source.newObjectReader()) {
      return ChangedObjects.toSend(reader, tip, List.of(theirs)).stream().map(o -> (ObjectId) o.copy()).toList();
    }
  }

  /** Sends {@code objects} as one pack with the command "create the inbox at {@code tip}"; the report-status. */
  private String push(ObjectId tip, ObjectId... objects) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    PacketLineOut commands = new PacketLineOut(request);
    ObjectId old = Optional.ofNullable(target.exactRef(INBOX)).map(r -> r.getObjectId()).orElse(ObjectId.zeroId());
    commands.writeString(old.name() + " " + tip.name() + " " + INBOX + "\0report-status\n");
    commands.end();
    try (RevWalk walk = new RevWalk(source); PackWriter writer = new PackWriter(source)) {
      List<RevObject> listed = new ArrayList<>();
      for (ObjectId id : objects) {
        listed.add(walk.parseAny(id));
      }
      writer.preparePack(listed.iterator());
      writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, request);
    }
    InboxReceivePack receive = new InboxReceivePack(target, SENDER, sender -> Optional.empty(),
        (sender, head) -> received.add(head.id()), ServerLimits.DEFAULT);
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    try {
      receive.receive(new ByteArrayInputStream(request.toByteArray()), response, null);
    } catch (UnpackException refused) {
      // thrown after the report went out to the pusher, as over SSH
    }
    return response.toString(UTF_8);
  }

  private ObjectId treeOf(ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(source)) {
      return walk.parseCommit(commit).getTree().copy();
    }
  }

  /** The docs folder of the start with a.txt replaced by {@code a}. */
  private ObjectId docsWith(ObjectId a) throws IOException {
    return tree(entry("a.txt", FileMode.REGULAR_FILE, a), entry("b.txt", FileMode.REGULAR_FILE, blobId("b\n")));
  }

  private ObjectId root(ObjectId docs) throws IOException {
    return tree(entry("docs", FileMode.TREE, docs), entry("top.txt", FileMode.REGULAR_FILE, blobId("top\n")));
  }

  private ObjectId blob(String text) throws IOException {
    try (ObjectInserter inserter = source.newObjectInserter()) {
      ObjectId id = inserter.insert(Constants.OBJ_BLOB, text.getBytes(UTF_8));
      inserter.flush();
      return id;
    }
  }

  private static ObjectId blobId(String text) {
    try (ObjectInserter.Formatter formatter = new ObjectInserter.Formatter()) {
      return formatter.idFor(Constants.OBJ_BLOB, text.getBytes(UTF_8));
    }
  }

  private record Entry(String name, FileMode mode, ObjectId id) {}

  private static Entry entry(String name, FileMode mode, ObjectId id) {
    return new Entry(name, mode, id);
  }

  private ObjectId tree(Entry... entries) throws IOException {
    TreeFormatter formatter = new TreeFormatter();
    for (Entry e : entries) {
      formatter.append(e.name(), e.mode(), e.id());
    }
    try (ObjectInserter inserter = source.newObjectInserter()) {
      ObjectId id = inserter.insert(formatter);
      inserter.flush();
      return id;
    }
  }

  private ObjectId commit(ObjectId tree, ObjectId... parents) throws IOException {
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentIds(parents);
    PersonIdent who = new PersonIdent("beta", "beta@gtfc", 1_700_000_000_000L + received.size(), 0);
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage("change " + System.nanoTime() + "\n");
    try (ObjectInserter inserter = source.newObjectInserter()) {
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  /** Copies a commit and everything it reaches into the target, as a join would. */
  private void copyAll(ObjectId commit) throws IOException {
    ByteArrayOutputStream pack = new ByteArrayOutputStream();
    try (PackWriter writer = new PackWriter(source)) {
      writer.preparePack(NullProgressMonitor.INSTANCE, Set.of(commit), Set.of());
      writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, pack);
    }
    try (ObjectInserter inserter = target.newObjectInserter()) {
      inserter.newPackParser(new ByteArrayInputStream(pack.toByteArray())).parse(NullProgressMonitor.INSTANCE);
      inserter.flush();
    }
  }

  private static void setRef(Repository repo, String name, ObjectId id) throws IOException {
    RefUpdate update = repo.updateRef(name);
    update.setNewObjectId(id);
    update.setForceUpdate(true);
    assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
  }
}
