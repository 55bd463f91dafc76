package io.gtfc.watch.kqueue.internal;

/**
 * One {@code struct kevent} as Java values, the same on every platform; {@link KeventLayout}
 * turns it into the platform's bytes.
 *
 * @param ident what the event is about: a file descriptor for {@code EVFILT_VNODE}
 * @param filter the {@code EVFILT_*} value (a C {@code short})
 * @param flags the {@code EV_*} bits (a C {@code unsigned short}, 0 to 0xffff)
 * @param fflags the {@code NOTE_*} bits (a C {@code unsigned int}, kept as its bit pattern)
 * @param data filter-specific data; the errno when {@code flags} holds {@code EV_ERROR}
 * @param udata the caller's opaque pointer-sized value
 */
public record Kevent(long ident, short filter, int flags, int fflags, long data, long udata) {

  public Kevent {
    if (flags < 0 || flags > 0xffff) {
      throw new IllegalArgumentException("kevent flags are an unsigned short, not " + flags);
    }
  }

  /** A change or event with no data and no user value, as {@code EV_SET} builds most of them. */
  public static Kevent of(long ident, short filter, int flags, int fflags) {
    return new Kevent(ident, filter, flags, fflags, 0, 0);
  }
}
