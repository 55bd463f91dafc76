package io.gtfc.git;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The note a store leaves in its git directory while it moves the working tree from one commit to
 * another: written (and flushed to disk) before the first file changes, deleted after the branch
 * moved. A store that finds it on opening was interrupted and finishes the move.
 */
final class CheckoutJournal {
  static final String FILE = "gtfc-checkout";
  private static final String NONE = "none";

  /** The move in progress: from {@code from} (null while the branch had no commit) to {@code to}. */
  record Move(ObjectId from, ObjectId to) {}

  private final Path file;

  CheckoutJournal(Path gitDir) {
    this.file = gitDir.resolve(FILE);
  }

  void begin(ObjectId from, ObjectId to) throws IOException {
    String text = "old " + (from == null ? NONE : from.name()) + "\nnew " + to.name() + "\n";
    Path temp = file.resolveSibling(FILE + ".tmp");
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(UTF_8));
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The interrupted move; empty when none is recorded or the note is unreadable (it was being written). */
  Optional<Move> read() throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(file, UTF_8);
    if (lines.size() != 2 || !lines.get(0).startsWith("old ") || !lines.get(1).startsWith("new ")) {
      return Optional.empty();
    }
    String from = lines.get(0).substring(4).strip();
    String to = lines.get(1).substring(4).strip();
    if (!ObjectId.isId(to) || !from.equals(NONE) && !ObjectId.isId(from)) {
      return Optional.empty();
    }
    return Optional.of(new Move(from.equals(NONE) ? null : ObjectId.fromString(from), ObjectId.fromString(to)));
  }

  void end() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(FILE + ".tmp"));
  }
}
