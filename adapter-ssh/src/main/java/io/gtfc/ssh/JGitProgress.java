package io.gtfc.ssh;

import io.gtfc.ports.Progress;
import org.eclipse.jgit.lib.ProgressMonitor;

/** JGit's progress callbacks (receiving objects, resolving deltas, writing objects) as {@link Progress} tasks. */
final class JGitProgress implements ProgressMonitor {
  private final Progress progress;
  private final String peer;
  private Progress.Task task = Progress.Task.NONE;

  /** @param peer the peer the work is for, named in each task's title */
  JGitProgress(Progress progress, String peer) {
    this.progress = progress;
    this.peer = peer;
  }

  @Override
  public void start(int totalTasks) {
    // each task is shown on its own
  }

  @Override
  public void beginTask(String title, int totalWork) {
    task.close();
    task = progress.start(title.toLowerCase(java.util.Locale.ROOT) + " (" + peer + ")",
        totalWork == UNKNOWN ? 0 : totalWork);
  }

  @Override
  public void update(int completed) {
    task.advance(completed);
  }

  @Override
  public void endTask() {
    task.close();
    task = Progress.Task.NONE;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public void showDuration(boolean enabled) {
    // the progress line shows its own duration
  }
}
