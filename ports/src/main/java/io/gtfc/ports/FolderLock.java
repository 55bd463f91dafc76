package io.gtfc.ports;

/** A held exclusive lock on one folder; {@link #close()} releases it. */
public interface FolderLock extends AutoCloseable {
  @Override
  void close();
}
