package io.gtfc.git;

import io.gtfc.ports.Progress;
import java.io.File;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.util.FS;

/** The working tree as JGit reads it for a full scan, counting each entry it passes as progress. */
final class CountingTreeIterator extends FileTreeIterator {
  private final Progress.Task task;

  CountingTreeIterator(Repository repository, Progress.Task task) {
    super(repository);
    this.task = task;
  }

  private CountingTreeIterator(WorkingTreeIterator parent, File directory, FS fs, FileModeStrategy modes,
      Progress.Task task) {
    super(parent, directory, fs, modes);
    this.task = task;
  }

  @Override
  protected AbstractTreeIterator enterSubtree() {
    return new CountingTreeIterator(this, getEntryFile(), fs, fileModeStrategy, task);
  }

  @Override
  public void next(int delta) throws org.eclipse.jgit.errors.CorruptObjectException {
    super.next(delta);
    task.advance(delta);
  }
}
