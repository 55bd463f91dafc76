package io.gtfc.watch.kqueue.internal;

/**
 * The C constants the watcher passes to or reads from the kernel, with one instance per
 * {@link Platform} because the BSDs and macOS agree on most values but not on all.
 *
 * @param evfiltVnode {@code EVFILT_VNODE}: events on a file or directory
 * @param evfiltUser {@code EVFILT_USER}: an event another thread triggers (used to wake the reader)
 * @param evAdd {@code EV_ADD}: add the event (implies enable)
 * @param evEnable {@code EV_ENABLE}
 * @param evClear {@code EV_CLEAR}: reset the state after reporting, so events coalesce
 * @param evDelete {@code EV_DELETE}
 * @param evError {@code EV_ERROR}: set on output when {@code data} holds an errno
 * @param noteDelete {@code NOTE_DELETE}: the vnode's last link was removed
 * @param noteWrite {@code NOTE_WRITE}: contents changed (for a directory: an entry came or went)
 * @param noteExtend {@code NOTE_EXTEND}: the size increased
 * @param noteAttrib {@code NOTE_ATTRIB}: attributes changed
 * @param noteLink {@code NOTE_LINK}: the link count changed
 * @param noteRename {@code NOTE_RENAME}: the vnode was renamed
 * @param noteRevoke {@code NOTE_REVOKE}: access was revoked (unmount)
 * @param noteTrigger {@code NOTE_TRIGGER}: fire an {@code EVFILT_USER} event
 * @param oRdonly {@code O_RDONLY}
 * @param oEvtonly {@code O_EVTONLY} (macOS only, 0 where it does not exist)
 * @param oCloexec {@code O_CLOEXEC}
 * @param oDirectory {@code O_DIRECTORY}
 * @param enoent {@code ENOENT}
 * @param eintr {@code EINTR}
 * @param enfile {@code ENFILE}: the system's file table is full
 * @param emfile {@code EMFILE}: this process has as many files open as it may
 */
public record NativeConstants(
    short evfiltVnode,
    short evfiltUser,
    int evAdd,
    int evEnable,
    int evClear,
    int evDelete,
    int evError,
    int noteDelete,
    int noteWrite,
    int noteExtend,
    int noteAttrib,
    int noteLink,
    int noteRename,
    int noteRevoke,
    int noteTrigger,
    int oRdonly,
    int oEvtonly,
    int oCloexec,
    int oDirectory,
    int enoent,
    int eintr,
    int enfile,
    int emfile) {

  /** Every vnode event the watcher asks for: what happened to a file or directory. */
  public int allVnodeNotes() {
    return noteDelete | noteWrite | noteExtend | noteAttrib | noteLink | noteRename | noteRevoke;
  }
}
