package io.gtfc.cli;

import io.gtfc.ports.FolderWatcher;
import io.gtfc.ports.GtfcException;
import io.gtfc.ports.Problem;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Picks the folder watcher: the operating system's own, unless --watcher names another. */
final class Watchers {
  private final Map<String, Supplier<FolderWatcher>> all;
  private final String nativeName;

  Watchers(Map<String, Supplier<FolderWatcher>> all, String nativeName) {
    this.all = all;
    this.nativeName = nativeName;
  }

  String nativeName() {
    return nativeName;
  }

  FolderWatcher choose(String name) {
    String chosen = name == null || name.equals("auto") ? nativeName : name;
    Supplier<FolderWatcher> watcher = all.get(chosen);
    if (watcher == null) {
      throw new GtfcException(Problem.BAD_INPUT,
          "'" + name + "' is not a watcher: use one of auto, " + String.join(", ", new TreeSet<>(all.keySet())));
    }
    return watcher.get();
  }
}
