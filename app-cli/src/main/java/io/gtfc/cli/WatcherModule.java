package io.gtfc.cli;

import dagger.Module;
import dagger.Provides;
import io.gtfc.ports.FolderWatcher;
import io.gtfc.watch.inotify.InotifyFolderWatcher;
import io.gtfc.watch.kqueue.KqueueFolderWatcher;
import io.gtfc.watch.poll.PollingFolderWatcher;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.inject.Named;

/** The folder watchers: inotify on Linux, kqueue on FreeBSD and macOS, polling anywhere else. */
@Module
final class WatcherModule {
  private WatcherModule() {}

  @Provides
  static Watchers watchers(@Named("os.name") String osName) {
    Map<String, Supplier<FolderWatcher>> all = Map.of(
        "inotify", InotifyFolderWatcher::new,
        "kqueue", KqueueFolderWatcher::new,
        "poll", () -> new PollingFolderWatcher(Duration.ofSeconds(2)));
    String os = osName.toLowerCase(Locale.ROOT);
    String native_ = os.contains("linux") ? "inotify"
        : os.contains("freebsd") || os.contains("mac") ? "kqueue"
        : "poll";
    return new Watchers(all, native_);
  }

  @Provides
  @Named("os.name")
  static String osName() {
    return System.getProperty("os.name", "");
  }
}
