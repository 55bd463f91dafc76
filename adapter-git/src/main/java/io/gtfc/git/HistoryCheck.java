package io.gtfc.git;

import io.gtfc.ports.Refs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;

/**
 * What {@code git fsck} checks, done with JGit: every object reachable from the working branch and
 * the inboxes is present, decompresses, hashes to its own id, and (commits, trees, tags) is
 * well-formed. Reads every object once, streaming large files.
 */
final class HistoryCheck {
  private static final int MAX_PROBLEMS = 100;

  private final Repository repository;
  private final List<String> problems = new ArrayList<>();
  private final ObjectChecker checker = new ObjectChecker();

  HistoryCheck(Repository repository) {
    this.repository = repository;
  }

  List<String> problems() {
    try (ObjectReader reader = repository.newObjectReader(); ObjectWalk walk = new ObjectWalk(reader)) {
      List<Ref> refs = new ArrayList<>();
      Ref main = repository.exactRef(Refs.MAIN);
      if (main != null) {
        refs.add(main);
      }
      refs.addAll(repository.getRefDatabase().getRefsByPrefix(Refs.INBOX_PREFIX));
      for (Ref ref : refs) {
        ObjectId id = ref.getObjectId();
        if (id == null) {
          continue;
        }
        try {
          walk.markStart(walk.parseAny(id));
        } catch (MissingObjectException e) {
          add(ref.getName() + " names " + id.name() + ", which is missing");
        } catch (CorruptObjectException e) {
          add(ref.getName() + " names " + id.name() + ", which is damaged: " + e.getMessage());
        }
      }
      try {
        for (RevCommit commit = walk.next(); commit != null && problems.size() < MAX_PROBLEMS; commit = walk.next()) {
          check(reader, commit);
        }
        for (RevObject object = walk.nextObject(); object != null && problems.size() < MAX_PROBLEMS;
            object = walk.nextObject()) {
          check(reader, object);
        }
      } catch (MissingObjectException e) {
        add("object " + e.getObjectId().name() + " is missing from the history");
      } catch (CorruptObjectException e) {
        add("an object of the history is damaged: " + e.getMessage());
      }
    } catch (IOException e) {
      add("the history cannot be read: " + e.getMessage());
    }
    return List.copyOf(problems);
  }

  private void check(ObjectReader reader, RevObject object) {
    AnyObjectId id = object;
    int type = object.getType();
    try {
      ObjectLoader loader = reader.open(id, type);
      ObjectId actual;
      if (loader.isLarge()) {
        try (InputStream in = loader.openStream()) {
          actual = new ObjectInserter.Formatter().idFor(type, loader.getSize(), in);
        }
      } else {
        byte[] raw = loader.getCachedBytes();
        actual = new ObjectInserter.Formatter().idFor(type, raw);
        if (type != Constants.OBJ_BLOB) {
          checker.check(id, type, raw);
        }
      }
      if (!actual.equals(id)) {
        add("object " + id.name() + " holds content that hashes to " + actual.name() + ": it is damaged");
      }
    } catch (MissingObjectException e) {
      add("object " + id.name() + " is missing from the history");
    } catch (CorruptObjectException e) {
      add("object " + id.name() + " is damaged: " + e.getMessage());
    } catch (IOException e) {
      add("object " + id.name() + " cannot be read: " + e.getMessage());
    }
  }

  private void add(String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
