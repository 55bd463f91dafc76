import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * gtfc's benchmark: a three-node cluster of {@code gtfc watch} daemons on loopback against the
 * original tool's flow (inotifywait, git add/commit, git push over OpenSSH into {@code tomerge},
 * merged by a forced command), scenario by scenario. Run it with {@code bench/run.sh}; it uses JDK
 * classes only so that {@code java bench/Bench.java} runs it from the source. Not a unit test.
 */
public final class Bench {
  static final String[] NAMES = {"alpha", "beta", "gamma"};
  static final List<Process> STARTED = new CopyOnWriteArrayList<>();
  static final List<Result> RESULTS = new ArrayList<>();
  static final List<String> NOTES = new ArrayList<>();
  static final Map<String, Double> CPU = new LinkedHashMap<>();

  // settings, from the command line
  static Path repo;
  static Path launcher;
  static Path work;
  static int reps = 15;
  static int warmups = 3;
  static int b1Files = 5_000;
  static int b1Dirs = 50;
  /** Where B1 takes its contents from (slices of the files under it), instead of random letters. */
  static Path b1Text;
  static List<byte[]> corpus;
  static int b1Reps = 3;
  static int s1Files = 100_000;
  static int s1Dirs = 1_000;
  static int startupReps = 10;
  static Set<String> only = new LinkedHashSet<>(List.of("L1", "L2", "B1", "S1", "MEM", "START"));
  static boolean baseline = true;
  static boolean baselineS1 = true;
  static boolean keep;
  static String daemonOpts = "";
  static Map<String, String> daemonEnv = new LinkedHashMap<>();
  static boolean trace;
  static int hold;
  /**
   * How long the daemons stay untouched before their memory is read: a daemon writes its index
   * after 2 s of quiet and collects its heap once after 5-10 s (IdleHeapTrim looks every 5 s).
   */
  static final long IDLE_MS = 12_000;

  public static void main(String[] args) throws Exception {
    parse(args);
    Runtime.getRuntime().addShutdownHook(new Thread(Bench::stopAll));
    if (Files.exists(work.resolve(".gtfc-bench"))) {
      deleteTree(work);
    } else if (Files.isDirectory(work) && Files.list(work).findAny().isPresent()) {
      throw new IllegalArgumentException(work + " is not empty and not a benchmark's work directory: give another --work");
    }
    Files.createDirectories(work);
    Files.writeString(work.resolve(".gtfc-bench"), "");
    say("work directory " + work + "; machine: " + machine());
    try {
      if (only.stream().anyMatch(s -> List.of("L1", "L2", "B1", "START").contains(s))) {
        smallCluster();
      }
      if (only.contains("S1") || only.contains("MEM")) {
        largeCluster();
      }
    } finally {
      stopAll();
      report();
      if (!keep) {
        deleteTree(work);
      }
    }
  }

  // ---------------------------------------------------------------- scenarios

  static void smallCluster() throws Exception {
    try (GtfcCluster gtfc = new GtfcCluster(work.resolve("gtfc-small"))) {
      gtfc.create(share -> {});
      latencies(gtfc, "gtfc");
      if (only.contains("START")) {
        startup(gtfc);
      }
      if (only.contains("MEM")) {
        Thread.sleep(IDLE_MS);
        memory(gtfc, "MEM-small", "idle daemon after L1/L2/B1 (" + gtfc.fileCount() + " files)");
      }
    }
    if (baseline) {
      try (BaselineCluster base = BaselineCluster.create(work.resolve("base-small"), share -> {})) {
        latencies(base, "baseline");
        memory(base, "MEM-small", "idle watcher (bash + inotifywait) after L1/L2/B1");
      }
    }
  }

  static void largeCluster() throws Exception {
    Consumer<Path> fill = share -> writeSmallFiles(share, s1Files, s1Dirs);
    try (GtfcCluster gtfc = new GtfcCluster(work.resolve("gtfc-large"))) {
      gtfc.create(fill);
      if (only.contains("S1")) {
        warmUp(gtfc, "d0000");
        RESULTS.add(withCpu(gtfc, () -> newFiles(gtfc, "gtfc", "S1", "d" + String.format("%04d", s1Dirs / 2))));
      }
      if (only.contains("MEM")) {
        Thread.sleep(IDLE_MS);
        memory(gtfc, "MEM", "idle daemon after S1 (" + gtfc.fileCount() + " files)");
      }
      if (only.contains("START")) {
        RESULTS.add(timeStatus(gtfc, "START-large", "on", "status --offline on the S1 folder (" + s1Files
            + " files), info", "--offline"));
      }
    }
    if (baseline && baselineS1 && only.contains("S1")) {
      try (BaselineCluster base = BaselineCluster.create(work.resolve("base-large"), fill)) {
        warmUp(base, "d0000");
        RESULTS.add(withCpu(base, () -> newFiles(base, "baseline", "S1", "d" + String.format("%04d", s1Dirs / 2))));
        memory(base, "MEM", "idle watcher (bash + inotifywait) after S1");
      }
    }
  }

  static void latencies(Cluster c, String impl) throws Exception {
    warmUp(c, "l1");
    if (only.contains("L1")) {
      RESULTS.add(withCpu(c, () -> newFiles(c, impl, "L1", "l1")));
    }
    if (only.contains("L2")) {
      RESULTS.add(withCpu(c, () -> rewrites(c, impl)));
    }
    if (only.contains("B1")) {
      RESULTS.add(withCpu(c, () -> bursts(c, impl)));
    }
  }

  interface Scenario {
    Result run() throws Exception;
  }

  /** Runs a scenario and records the CPU time the whole cluster spent per repetition (includes the 1 s pauses' idle work). */
  static Result withCpu(Cluster c, Scenario scenario) throws Exception {
    double before = c.cpuMs();
    List<Map<String, Double>> threadsBefore = new ArrayList<>();
    if (trace && c instanceof GtfcCluster g) {
      for (Process p : g.daemons) {
        threadsBefore.add(threadCpu(p.pid()));
      }
    }
    Result r = scenario.run();
    double per = (c.cpuMs() - before) / r.samples().size();
    System.out.printf(Locale.ROOT, "BENCH-CPU scenario=%s impl=%s cpu_ms_per_rep=%s%n", r.scenario(), r.impl(), fmt(per));
    CPU.put(r.scenario() + "/" + r.impl(), per);
    if (trace && c instanceof GtfcCluster g) {
      for (int n = 0; n < g.daemons.length; n++) {
        Map<String, Double> spent = new TreeMap<>(threadCpu(g.daemons[n].pid()));
        threadsBefore.get(n).forEach((name, ms) -> spent.merge(name, -ms, Double::sum));
        say(r.scenario() + ": CPU ms per repetition by thread of " + NAMES[n] + " (pid " + g.daemons[n].pid() + "): "
            + busiest(spent, r.samples().size()));
      }
    }
    return r;
  }

  /** CPU ms per thread name (as the kernel truncates it, digits as N), user and system apart, of one process. */
  static Map<String, Double> threadCpu(long pid) {
    Map<String, Double> byName = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path t : tasks.toList()) {
        String stat = Files.readString(t.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        byName.merge(name + "(u)", Long.parseLong(f[11]) * 10.0, Double::sum);
        byName.merge(name + "(s)", Long.parseLong(f[12]) * 10.0, Double::sum);
      }
    } catch (IOException | RuntimeException e) {
      // the process or one of its threads ended while it was read: what was read is what it spent
    }
    return byName;
  }

  static String busiest(Map<String, Double> byName, int repetitions) {
    return byName.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(14)
        .map(e -> e.getKey() + "=" + fmt(e.getValue() / repetitions)).toList().toString();
  }

  /** A few unmeasured changes: the cluster is connected and every node has seen a change. */
  static void warmUp(Cluster c, String dir) throws Exception {
    Files.createDirectories(c.share(0).resolve(dir));
    for (int i = 0; i < warmups; i++) {
      String rel = dir + "/warm-" + i + ".txt";
      byte[] content = text(new Random(i), 1024);
      long t0 = System.nanoTime();
      Files.write(c.share(0).resolve(rel), content);
      double ms = awaitEverywhere(c, rel, content, t0, Duration.ofSeconds(120));
      say(c.label() + ": warm-up " + (i + 1) + " crossed in " + fmt(ms) + " ms");
      Thread.sleep(1000);
    }
  }

  /** L1 and S1: a new 1 KB file on A, until B and C hold its bytes. */
  static Result newFiles(Cluster c, String impl, String scenario, String dir) throws Exception {
    List<Double> samples = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < reps; i++) {
      String rel = dir + "/new-" + scenario + "-" + i + ".txt";
      byte[] content = text(random, 1024);
      long t0 = System.nanoTime();
      Files.write(c.share(0).resolve(rel), content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      String at = java.time.LocalTime.now().toString();
      samples.add(awaitEverywhere(c, rel, content, t0, Duration.ofSeconds(60)));
      if (trace) {
        say(scenario + " " + rel + " written at " + at + ", everywhere after " + fmt(samples.get(i)) + " ms");
      }
      Thread.sleep(1000);
    }
    say(c.label() + " " + scenario + ": " + samples.stream().map(Bench::fmt).toList());
    return new Result(scenario, impl, "ms", samples, "");
  }

  /** L2: an existing 1 KB file rewritten in place on A. */
  static Result rewrites(Cluster c, String impl) throws Exception {
    String rel = "l1/rewritten.txt";
    Random random = new Random(7);
    byte[] first = text(random, 1024);
    Files.write(c.share(0).resolve(rel), first);
    awaitEverywhere(c, rel, first, System.nanoTime(), Duration.ofSeconds(60));
    Thread.sleep(1000);
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      byte[] content = text(random, 1024);
      long t0 = System.nanoTime();
      Files.write(c.share(0).resolve(rel), content, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      samples.add(awaitEverywhere(c, rel, content, t0, Duration.ofSeconds(60)));
      Thread.sleep(1000);
    }
    say(c.label() + " L2: " + samples.stream().map(Bench::fmt).toList());
    return new Result("L2", impl, "ms", samples, "");
  }

  /** B1: many files of 1-8 KB in many new folders written at once on A, until all are on B and C. */
  static Result bursts(Cluster c, String impl) throws Exception {
    List<Double> samples = new ArrayList<>();
    if (corpus == null) { // read once, for gtfc's and the baseline's B1 alike
      corpus = b1Text == null ? List.of() : corpus(b1Text);
    }
    for (int r = 0; r < b1Reps; r++) {
      String top = "b1-" + r;
      Random random = new Random(1000 + r);
      Map<String, byte[]> files = new TreeMap<>();
      for (int i = 0; i < b1Files; i++) {
        int size = 1024 + random.nextInt(7 * 1024 + 1);
        files.put(String.format("%s/d%02d/f%05d.txt", top, i % b1Dirs, i),
            corpus.isEmpty() ? text(random, size) : slice(corpus, random, size));
      }
      String expected = digest(files);
      Path a = c.share(0);
      long t0 = System.nanoTime();
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = a.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
      double written = (System.nanoTime() - t0) / 1e6;
      boolean[] done = new boolean[NAMES.length];
      done[0] = true;
      long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
      double ms = -1;
      while (System.nanoTime() < deadline) {
        boolean all = true;
        for (int n = 1; n < NAMES.length; n++) {
          if (!done[n]) {
            done[n] = sameTree(c.share(n).resolve(top), b1Files, expected);
            all &= done[n];
          }
        }
        if (all) {
          ms = (System.nanoTime() - t0) / 1e6;
          break;
        }
        // each look walks both trees (up to 5,000 files each): every 25 ms, so that the watching
        // takes little of the two cores the daemons need
        Thread.sleep(25);
      }
      if (ms < 0) {
        note(c.label() + " B1 repetition " + r + " did not converge within 180 s");
        ms = Double.POSITIVE_INFINITY;
      }
      say(c.label() + " B1: " + b1Files + " files written in " + fmt(written) + " ms, on B and C after " + fmt(ms) + " ms");
      samples.add(ms);
      Thread.sleep(2000);
    }
    return new Result("B1", impl, "ms", samples, "");
  }

  static void memory(Cluster c, String scenario, String what) throws InterruptedException {
    if (hold > 0 && c instanceof GtfcCluster g) {
      say("holding the daemons for " + hold + " s: pids " + Arrays.stream(g.daemons).map(p -> Long.toString(p.pid())).toList());
      Thread.sleep(hold * 1000L);
    }
    List<Double> mb = new ArrayList<>();
    for (int n = 0; n < NAMES.length; n++) {
      mb.add(c.rssKb(n) / 1024.0);
    }
    say(c.label() + " " + scenario + " resident memory (MB): " + mb.stream().map(Bench::fmt).toList());
    RESULTS.add(new Result(scenario, c instanceof GtfcCluster ? "gtfc" : "baseline", "MB", mb, what));
  }

  static void startup(GtfcCluster c) throws Exception {
    RESULTS.add(timeStatus(c, "START", "on", "gtfc status --offline on a synced folder (" + c.fileCount()
        + " files): start-up, open, read, print", "--offline"));
    RESULTS.add(timeStatus(c, "START-nocds", "off", "the same without the class data archive", "--offline"));
    RESULTS.add(timeStatus(c, "START-online", "on", "gtfc status asking both peers for their heads (two SSH"
        + " handshakes), info"));
  }

  static Result timeStatus(GtfcCluster c, String scenario, String cds, String what, String... options)
      throws Exception {
    List<Double> samples = new ArrayList<>();
    Map<String, String> env = Map.of("GTFC_CDS", cds);
    List<String> command = new ArrayList<>(List.of("--home", c.home(0).toString(), "status"));
    command.addAll(List.of(options));
    command.add(c.share(0).toString());
    String[] args = command.toArray(String[]::new);
    c.gtfc(env, args); // not measured: page cache
    for (int i = 0; i < startupReps; i++) {
      Exec e = c.gtfc(env, args);
      if (e.code != 0 && e.code != 1) {
        throw new IllegalStateException("gtfc status failed (" + e.code + "): " + e.err);
      }
      samples.add(e.ms);
    }
    say("gtfc " + scenario + " (cds " + cds + "): " + samples.stream().map(Bench::fmt).toList());
    return new Result(scenario, "gtfc", "ms", samples, what);
  }

  /** Waits until every node but A holds {@code content} at {@code rel}; the time since {@code t0} in ms. */
  static double awaitEverywhere(Cluster c, String rel, byte[] content, long t0, Duration timeout) throws InterruptedException {
    long deadline = t0 + timeout.toNanos();
    boolean[] done = new boolean[NAMES.length];
    done[0] = true;
    while (true) {
      boolean all = true;
      for (int n = 1; n < NAMES.length; n++) {
        if (!done[n]) {
          done[n] = holds(c.share(n).resolve(rel), content);
          all &= done[n];
        }
      }
      long now = System.nanoTime();
      if (all) {
        return (now - t0) / 1e6;
      }
      if (now > deadline) {
        note(c.label() + ": " + rel + " did not arrive everywhere within " + timeout.toSeconds() + " s");
        return Double.POSITIVE_INFINITY;
      }
      Thread.sleep(2);
    }
  }

  static boolean holds(Path file, byte[] content) {
    try {
      return Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content);
    } catch (IOException e) {
      return false;
    }
  }

  static boolean sameTree(Path top, int count, String expected) {
    if (!Files.isDirectory(top)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(top)) {
      List<Path> regular = walk.filter(Files::isRegularFile).toList();
      if (regular.size() != count) {
        return false;
      }
      Map<String, byte[]> files = new TreeMap<>();
      Path share = top.getParent();
      for (Path p : regular) {
        files.put(share.relativize(p).toString(), Files.readAllBytes(p));
      }
      return digest(files).equals(expected);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- the two implementations

  interface Cluster extends AutoCloseable {
    Path share(int node);

    String label();

    long rssKb(int node);

    /** CPU time (user + system, with reaped children) of everything the cluster runs, in ms. */
    double cpuMs();
  }

  /** Three gtfc nodes, each a {@code gtfc watch} started through the launcher as a user would. */
  static final class GtfcCluster implements Cluster {
    final Path root;
    final int[] ports = new int[NAMES.length];
    final Process[] daemons = new Process[NAMES.length];

    GtfcCluster(Path root) {
      this.root = root;
    }

    Path home(int n) {
      return root.resolve(NAMES[n]).resolve("home");
    }

    @Override
    public Path share(int n) {
      return root.resolve(NAMES[n]).resolve("share");
    }

    @Override
    public String label() {
      return "gtfc(" + root.getFileName() + ")";
    }

    void create(Consumer<Path> prefill) throws Exception {
      for (int n = 0; n < NAMES.length; n++) {
        ports[n] = freePort();
      }
      Files.createDirectories(share(0));
      long t0 = System.nanoTime();
      prefill.accept(share(0));
      if (Files.list(share(0)).findAny().isPresent()) {
        say(label() + ": wrote " + fileCount() + " files on alpha in " + fmt((System.nanoTime() - t0) / 1e6) + " ms");
      }
      Exec boot = check(gtfc(Map.of(), "--home", home(0).toString(), "bootstrap", share(0).toString(),
          "--name", NAMES[0], "--listen", "127.0.0.1:" + ports[0]));
      info(label(), "bootstrap_ms", boot.ms);
      startDaemon(0);
      for (int n = 1; n < NAMES.length; n++) {
        String token = check(gtfc(Map.of(), "--home", home(0).toString(), "invite", share(0).toString())).out.strip();
        Exec join = check(gtfc(Map.of(), "--home", home(n).toString(), "join", token, share(n).toString(),
            "--name", NAMES[n], "--listen", "127.0.0.1:" + ports[n]));
        info(label(), "join_" + NAMES[n] + "_ms", join.ms);
        startDaemon(n);
      }
    }

    void startDaemon(int n) throws Exception {
      Path log = root.resolve(NAMES[n] + ".log");
      long t0 = System.nanoTime();
      Map<String, String> env = new LinkedHashMap<>(daemonEnv);
      if (!daemonOpts.isBlank()) {
        env.put("GTFC_JAVA_OPTS", daemonOpts.replace("{node}", NAMES[n]).replace("{root}", root.toString()));
      }
      daemons[n] = start(List.of(launcher.toString(), "--home", home(n).toString(), "watch", share(n).toString()), env, log);
      awaitLine(log, "watching ", daemons[n], Duration.ofSeconds(300));
      info(label(), "watch_ready_" + NAMES[n] + "_ms", (System.nanoTime() - t0) / 1e6);
    }

    Exec gtfc(Map<String, String> env, String... args) throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(launcher.toString());
      cmd.addAll(List.of(args));
      return exec(cmd, env, Duration.ofMinutes(20));
    }

    long fileCount() throws IOException {
      try (Stream<Path> walk = Files.walk(share(0))) {
        return walk.filter(Files::isRegularFile).count();
      }
    }

    @Override
    public long rssKb(int n) {
      return Bench.rssKb(daemons[n].toHandle());
    }

    @Override
    public double cpuMs() {
      double sum = 0;
      for (Process p : daemons) {
        sum += Bench.cpuMs(p.toHandle());
      }
      return sum;
    }

    @Override
    public void close() {
      for (Process p : daemons) {
        if (p != null) {
          stop(p);
        }
      }
    }
  }

  /**
   * The original tool's flow on three folders: inotifywait on each triggers gtfc-push (git add
   * --all, git commit, git push to each peer's {@code tomerge} over OpenSSH), and each peer's
   * forced command (gtfc-shell) runs git-receive-pack and then merges {@code tomerge}.
   */
  static final class BaselineCluster implements Cluster {
    static Sshd sshd;
    final Path root;
    final Process[] watchers = new Process[NAMES.length];

    BaselineCluster(Path root) {
      this.root = root;
    }

    @Override
    public Path share(int n) {
      return root.resolve(NAMES[n]).resolve("share");
    }

    @Override
    public String label() {
      return "baseline(" + root.getFileName() + ")";
    }

    static BaselineCluster create(Path root, Consumer<Path> prefill) throws Exception {
      if (sshd == null) {
        sshd = Sshd.launch(work.resolve("sshd"));
      }
      BaselineCluster c = new BaselineCluster(root);
      Map<String, String> git = gitEnv();
      Path a = c.share(0);
      Files.createDirectories(a.getParent());
      check(exec(List.of("git", "init", "-q", "-b", "master", "--separate-git-dir=" + a.getParent().resolve(".git.share"), a.toString()), git, Duration.ofMinutes(1)));
      configure(a, NAMES[0]);
      prefill.accept(a);
      Files.writeString(a.resolve("README"), "baseline\n");
      long t0 = System.nanoTime();
      // gc.autoDetach=false: the commit's automatic gc packs the loose objects before the clones copy
      // them (detached, it pruned them under a clone: "failed to copy file ... No such file")
      check(exec(List.of("bash", "-c", "cd \"$0\" && git add --all && git -c gc.autoDetach=false commit -q -m bootstrap",
          a.toString()), git, Duration.ofMinutes(20)));
      info(c.label(), "bootstrap_ms", (System.nanoTime() - t0) / 1e6);
      for (int n = 1; n < NAMES.length; n++) {
        long t1 = System.nanoTime();
        Path s = c.share(n);
        Files.createDirectories(s.getParent());
        check(exec(List.of("git", "clone", "-q", "--separate-git-dir=" + s.getParent().resolve(".git.share"), a.toString(), s.toString()), git, Duration.ofMinutes(20)));
        configure(s, NAMES[n]);
        info(c.label(), "join_" + NAMES[n] + "_ms", (System.nanoTime() - t1) / 1e6);
      }
      for (int n = 0; n < NAMES.length; n++) {
        StringBuilder peers = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (int m = 0; m < NAMES.length; m++) {
          if (m != n) {
            peers.append(NAMES[m]).append(" ssh://").append(System.getProperty("user.name")).append("@127.0.0.1:")
                .append(sshd.ports[m]).append(c.share(m)).append('\n');
            keys.append("command=\"").append(sshd.bin.resolve("gtfc-shell")).append(' ').append(c.share(n))
                .append("\",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding ")
                .append(Files.readString(sshd.key(m).resolveSibling(NAMES[m] + ".pub")).strip()).append('\n');
          }
        }
        Files.writeString(c.root.resolve(NAMES[n]).resolve("peers"), peers);
        Files.writeString(sshd.authorizedKeys(n), keys);
      }
      for (int n = 0; n < NAMES.length; n++) {
        Path log = root.resolve(NAMES[n] + ".log");
        Map<String, String> env = new LinkedHashMap<>(git);
        env.put("GIT_SSH_COMMAND", sshd.sshCommand(n));
        Path node = root.resolve(NAMES[n]);
        Files.createDirectories(node.resolve("locks"));
        c.watchers[n] = start(List.of("bash", sshd.bin.resolve("gtfc-watch").toString(), c.share(n).toString(),
            node.resolve("peers").toString(), node.resolve("locks").toString()), env, log);
        awaitLine(log, "Watches established", c.watchers[n], Duration.ofMinutes(5));
      }
      return c;
    }

    static void configure(Path share, String name) throws Exception {
      check(exec(List.of("bash", "-c", "cd \"$0\" && git config user.name \"$1\" && git config user.email \"$1@baseline\"",
          share.toString(), name), gitEnv(), Duration.ofMinutes(1)));
    }

    @Override
    public long rssKb(int n) {
      ProcessHandle h = watchers[n].toHandle();
      return Bench.rssKb(h) + h.descendants().mapToLong(Bench::rssKb).sum();
    }

    /** The watchers and everything they ran, and the OpenSSH server and every session it ran (shared with other baseline clusters). */
    @Override
    public double cpuMs() {
      double sum = Bench.cpuMs(sshd.process.toHandle());
      for (Process p : watchers) {
        sum += Bench.cpuMs(p.toHandle()) + p.toHandle().descendants().mapToDouble(Bench::cpuMs).sum();
      }
      return sum;
    }

    @Override
    public void close() {
      for (Process p : watchers) {
        if (p != null) {
          stop(p);
        }
      }
    }
  }

  /** One Debian OpenSSH server for the baseline: three loopback ports, one per node, each with its own authorized_keys. */
  static final class Sshd {
    final Path dir;
    final Path bin;
    final int[] ports = new int[NAMES.length];
    Process process;

    Sshd(Path dir) {
      this.dir = dir;
      this.bin = dir.resolve("bin");
    }

    Path key(int n) {
      return dir.resolve("keys").resolve(NAMES[n]);
    }

    Path authorizedKeys(int n) {
      return dir.resolve("authorized_keys." + NAMES[n]);
    }

    String sshCommand(int n) {
      return "ssh -F /dev/null -i " + key(n) + " -o IdentitiesOnly=yes -o IdentityAgent=none -o BatchMode=yes"
          + " -o UserKnownHostsFile=" + dir.resolve("known_hosts") + " -o GlobalKnownHostsFile=/dev/null"
          + " -o StrictHostKeyChecking=yes -o LogLevel=ERROR";
    }

    static Sshd launch(Path dir) throws Exception {
      Sshd s = new Sshd(dir);
      Files.createDirectories(dir.resolve("keys"));
      Files.createDirectories(s.bin);
      script(s.bin.resolve("gtfc-watch"), WATCH);
      script(s.bin.resolve("gtfc-push"), PUSH);
      script(s.bin.resolve("gtfc-shell"), SHELL);
      script(s.bin.resolve("gtfc-shell.merge"), MERGE);
      check(exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_ed25519").toString()), Map.of(), Duration.ofMinutes(1)));
      for (int n = 0; n < NAMES.length; n++) {
        check(exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", NAMES[n], "-f", s.key(n).toString()), Map.of(), Duration.ofMinutes(1)));
        s.ports[n] = freePort();
        Files.writeString(s.authorizedKeys(n), "");
      }
      String hostKey = Files.readString(dir.resolve("host_ed25519.pub")).strip();
      StringBuilder known = new StringBuilder();
      StringBuilder config = new StringBuilder();
      for (int port : s.ports) {
        known.append("[127.0.0.1]:").append(port).append(' ').append(hostKey).append('\n');
        config.append("Port ").append(port).append('\n');
      }
      Files.writeString(dir.resolve("known_hosts"), known);
      config.append("ListenAddress 127.0.0.1\n")
          .append("HostKey ").append(dir.resolve("host_ed25519")).append('\n')
          .append("PidFile ").append(dir.resolve("sshd.pid")).append('\n')
          .append("""
              StrictModes no
              UsePAM no
              PubkeyAuthentication yes
              PasswordAuthentication no
              KbdInteractiveAuthentication no
              PermitRootLogin prohibit-password
              AllowTcpForwarding no
              AllowAgentForwarding no
              X11Forwarding no
              PermitTTY no
              PrintMotd no
              PrintLastLog no
              UseDNS no
              MaxStartups 100:30:200
              LogLevel ERROR
              AuthorizedKeysFile none
              SetEnv SHLVL=1
              """);
      // SHLVL=1: bash then skips the user's ~/.bashrc for the forced command (Debian's bash sources it
      // for every ssh session; on a developer machine it may run pyenv or conda and cost far more
      // than the original tool itself)
      for (int n = 0; n < NAMES.length; n++) {
        config.append("Match LocalPort ").append(s.ports[n]).append('\n')
            .append("  AuthorizedKeysFile ").append(s.authorizedKeys(n)).append('\n');
      }
      Path conf = dir.resolve("sshd_config");
      Files.writeString(conf, config);
      Path sshd = Path.of("/usr/sbin/sshd");
      check(exec(List.of(sshd.toString(), "-t", "-f", conf.toString()), Map.of(), Duration.ofMinutes(1)));
      s.process = start(List.of(sshd.toString(), "-D", "-e", "-f", conf.toString()), Map.of(), dir.resolve("sshd.log"));
      for (int port : s.ports) {
        awaitPort(port, s.process, Duration.ofSeconds(30));
      }
      say("baseline: OpenSSH sshd (pid " + s.process.pid() + ") on 127.0.0.1 ports " + Arrays.toString(s.ports));
      return s;
    }

    static void script(Path file, String text) throws IOException {
      Files.writeString(file, text);
      file.toFile().setExecutable(true);
    }
  }

  static Map<String, String> gitEnv() {
    return Map.of("GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null", "GIT_MERGE_AUTOEDIT", "no",
        "GIT_TERMINAL_PROMPT", "0");
  }

  /** The original's watcher (Python watchdog there, inotifywait here): every burst of events runs gtfc-push. */
  static final String WATCH = """
      #!/bin/bash
      # gtfc-watch FOLDER PEERS LOCKS: run gtfc-push whenever the folder changes. Events that are
      # already queued when a push starts are taken as one batch (the original ran a push per event).
      here=$(dirname "$0")
      inotifywait -m -r -e close_write,create,delete,moved_to,moved_from --format '%w%f' "$1" |
      while read -r changed; do
        while read -r -t 0.01 more; do :; done
        "$here/gtfc-push" "$@"
      done
      """;

  /** gtfc-push: git add --all; git commit; push master to every peer's tomerge, in the background, one lock per peer. */
  static final String PUSH = """
      #!/bin/bash
      folder=$1; peers=$2; locks=$3
      cd "$folder" || exit 1
      git add --all
      git commit -q -m "gtfc-push $(date +%s.%N)" >/dev/null
      while read -r name url; do
        ( flock 9; git push -q "$url" master:refs/heads/tomerge ) 9>"$locks/$name.lock" &
      done < "$peers"
      wait
      """;

  /** gtfc-shell: the forced command of authorized_keys: upload-pack, or receive-pack followed by the merge. */
  static final String SHELL = """
      #!/bin/bash
      export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_MERGE_AUTOEDIT=no
      folder=$1
      case "$SSH_ORIGINAL_COMMAND" in
        git-upload-pack\\ *) exec git-upload-pack "$folder" ;;
        git-receive-pack\\ *)
          git-receive-pack "$folder"; status=$?
          "$(dirname "$0")/gtfc-shell.merge" "$folder" </dev/null >/dev/null 2>&1
          exit $status ;;
        *) echo "gtfc-shell: only git-upload-pack and git-receive-pack" >&2; exit 1 ;;
      esac
      """;

  /** gtfc-shell.merge: merge tomerge into the checked-out branch, output and failures thrown away, then delete it. */
  static final String MERGE = """
      #!/bin/bash
      cd "$1" || exit 0
      git merge -q tomerge >/dev/null 2>&1
      git branch -q -D tomerge >/dev/null 2>&1
      exit 0
      """;

  // ---------------------------------------------------------------- processes

  record Exec(int code, String out, String err, double ms) {}

  static Exec exec(List<String> cmd, Map<String, String> env, Duration timeout) throws Exception {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().putAll(env);
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", cmd));
      }
      double ms = (System.nanoTime() - t0) / 1e6;
      return new Exec(p.exitValue(), Files.readString(out), Files.readString(err), ms);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static Exec check(Exec e) {
    if (e.code != 0) {
      throw new IllegalStateException("a command failed (" + e.code + "): " + e.err.strip() + " " + e.out.strip());
    }
    return e;
  }

  static Process start(List<String> cmd, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    STARTED.add(p);
    return p;
  }

  /** SIGTERM to the process and everything it started, SIGKILL to what is left after 20 s. */
  static void stop(Process p) {
    if (!p.isAlive()) {
      return;
    }
    List<ProcessHandle> children = p.descendants().toList();
    p.destroy();
    children.forEach(ProcessHandle::destroy);
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  static void stopAll() {
    for (Process p : STARTED) {
      stop(p);
    }
  }

  static void awaitLine(Path log, String text, Process p, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException(log + ": the process ended: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(log + ": no '" + text + "' within " + timeout.toSeconds() + " s");
  }

  static void awaitPort(int port, Process p, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the server ended before listening on " + port);
        }
        Thread.sleep(20);
      }
    }
    throw new IllegalStateException("nothing listens on " + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** utime + stime + cutime + cstime from /proc/PID/stat, in ms (at 100 ticks a second). */
  static double cpuMs(ProcessHandle h) {
    try {
      String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return ticks * 10.0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static long rssKb(ProcessHandle h) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + h.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // gone
    }
    return 0;
  }

  // ---------------------------------------------------------------- content

  static void writeSmallFiles(Path share, int count, int dirs) {
    Random random = new Random(99);
    try {
      for (int d = 0; d < dirs; d++) {
        Files.createDirectories(share.resolve(String.format("d%04d", d)));
      }
      for (int i = 0; i < count; i++) {
        Files.write(share.resolve(String.format("d%04d/f%06d.txt", i % dirs, i)), text(random, 100 + random.nextInt(201)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The files of at least 1 KB under {@code dir}, for B1's contents like a user's (--b1-text). */
  static List<byte[]> corpus(Path dir) throws IOException {
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        long size = Files.size(p);
        if (size >= 1024 && size <= 1 << 20) {
          files.add(Files.readAllBytes(p));
        }
      }
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("--b1-text " + dir + " holds no file of 1 KB to 1 MB; name a folder of text files, e.g. /usr/share/perl");
    }
    return files;
  }

  /** Up to {@code size} bytes of one corpus file, from a random place in it. */
  static byte[] slice(List<byte[]> corpus, Random random, int size) {
    byte[] file = corpus.get(random.nextInt(corpus.size()));
    int length = Math.min(size, file.length);
    int from = random.nextInt(file.length - length + 1);
    return Arrays.copyOfRange(file, from, from + length);
  }

  /** Lines of random lower-case letters and spaces: they compress by about a third, less than a user's text (--b1-text). */
  static byte[] text(Random random, int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      int r = random.nextInt(32);
      b[i] = (byte) (i % 64 == 63 ? '\n' : r < 5 ? ' ' : 'a' + r % 26);
    }
    return b;
  }

  static String digest(Map<String, byte[]> files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      files.forEach((path, content) -> {
        md.update(path.replace('\\', '/').getBytes(UTF_8));
        md.update((byte) 0);
        md.update(content);
      });
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted((x, y) -> y.getNameCount() - x.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }

  // ---------------------------------------------------------------- reporting

  record Result(String scenario, String impl, String unit, List<Double> samples, String what) {
    double quantile(double q) {
      List<Double> sorted = new ArrayList<>(samples);
      sorted.sort(null);
      int rank = (int) Math.ceil(q * sorted.size());
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    double median() {
      List<Double> sorted = new ArrayList<>(samples);
      sorted.sort(null);
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double max() {
      return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
  }

  /** Targets from issue 7: scenario, its text, and whether a result meets it. */
  static String target(String scenario) {
    return switch (scenario) {
      case "L1", "L2" -> "median<=50 p95<=100";
      case "B1" -> "<=1500";
      case "S1" -> "median<=100";
      case "MEM" -> "<=96 each";
      case "START" -> "median<=250";
      default -> "";
    };
  }

  static String verdict(Result r) {
    return switch (r.scenario()) {
      case "L1", "L2" -> pass(r.median() <= 50 && r.quantile(0.95) <= 100);
      case "B1" -> pass(r.max() <= 1500);
      case "S1" -> pass(r.median() <= 100);
      case "MEM" -> pass(r.max() <= 96);
      case "START" -> pass(r.median() <= 250);
      default -> "info";
    };
  }

  static String pass(boolean ok) {
    return ok ? "met" : "MISSED";
  }

  static void report() {
    System.out.println();
    System.out.println("machine: " + machine());
    System.out.println("launcher JVM options: " + launcherOptions());
    System.out.printf(Locale.ROOT, "repetitions: L1/L2/S1 %d (after %d warm-ups), B1 %d x %d files in %d folders, S1 folder %d files in %d folders, start-up %d%n",
        reps, warmups, b1Reps, b1Files, b1Dirs, s1Files, s1Dirs, startupReps);
    System.out.println();
    String header = String.format(Locale.ROOT, "%-12s %-5s %-20s %28s %28s %9s  %s", "scenario", "unit", "target",
        "gtfc median/p95/max", "baseline median/p95/max", "base/gtfc", "gtfc");
    System.out.println(header);
    System.out.println("-".repeat(header.length() + 4));
    Set<String> scenarios = new LinkedHashSet<>();
    RESULTS.forEach(r -> scenarios.add(r.scenario()));
    for (String s : scenarios) {
      Result g = find(s, "gtfc");
      Result b = find(s, "baseline");
      String ratio = g != null && b != null ? fmt(b.median() / g.median()) + "x" : "";
      System.out.printf(Locale.ROOT, "%-12s %-5s %-20s %28s %28s %9s  %s%n", s, (g != null ? g : b).unit(), target(s),
          triple(g), triple(b), ratio, g == null ? "" : verdict(g));
    }
    if (!CPU.isEmpty()) {
      System.out.println();
      System.out.println("CPU time of the whole cluster per repetition (user + system, all processes; load-independent):");
      Set<String> cpuScenarios = new LinkedHashSet<>();
      CPU.keySet().forEach(k -> cpuScenarios.add(k.substring(0, k.indexOf('/'))));
      for (String sc : cpuScenarios) {
        Double g = CPU.get(sc + "/gtfc");
        Double b = CPU.get(sc + "/baseline");
        System.out.printf(Locale.ROOT, "  %-6s gtfc %8s ms   baseline %8s ms%n", sc, g == null ? "-" : fmt(g), b == null ? "-" : fmt(b));
      }
    }
    System.out.println();
    for (Result r : RESULTS) {
      System.out.printf(Locale.ROOT, "BENCH scenario=%s impl=%s n=%d median_%s=%s p95_%s=%s max_%s=%s%s%n", r.scenario(), r.impl(),
          r.samples().size(), r.unit(), fmt(r.median()), r.unit(), fmt(r.quantile(0.95)), r.unit(), fmt(r.max()),
          r.impl().equals("gtfc") && !target(r.scenario()).isEmpty() ? " target=\"" + target(r.scenario()) + "\" " + verdict(r) : "");
    }
    for (Result r : RESULTS) {
      if (!r.what().isEmpty()) {
        System.out.println("# " + r.scenario() + " " + r.impl() + ": " + r.what());
      }
    }
    NOTES.forEach(n -> System.out.println("# note: " + n));
  }

  static Result find(String scenario, String impl) {
    return RESULTS.stream().filter(r -> r.scenario().equals(scenario) && r.impl().equals(impl)).findFirst().orElse(null);
  }

  static String triple(Result r) {
    return r == null ? "-" : fmt(r.median()) + " / " + fmt(r.quantile(0.95)) + " / " + fmt(r.max());
  }

  static String launcherOptions() {
    try {
      String all = "";
      String daemon = "";
      List<String> lines = Files.readAllLines(launcher);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("jvm=(") || line.startsWith("daemon=(")) {
          StringBuilder array = new StringBuilder(line.substring(line.indexOf('(') + 1));
          while (!lines.get(i).trim().endsWith(")") && i + 1 < lines.size()) { // an array over several lines
            array.append(' ').append(lines.get(++i).trim());
          }
          String options = array.substring(0, Math.max(0, array.lastIndexOf(")"))).trim();
          if (line.startsWith("jvm=(")) {
            all = options;
          } else {
            daemon = options;
          }
        }
      }
      if (!all.isEmpty()) {
        return all + "; one-shot commands add -XX:SharedArchiveFile=app-cli/target/gtfc.jsa (AppCDS made by ./gtfc);"
            + " watch and serve add " + daemon + " and MALLOC_ARENA_MAX=2";
      }
    } catch (IOException | RuntimeException e) {
      // shown as unknown: the report must not hide why a run stopped
    }
    return "(see " + launcher + ")";
  }

  static String machine() {
    String load = "?";
    try {
      load = Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores, load average " + load + ", Java "
        + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + ", work directory on " + fileSystem(work);
  }

  /**
   * The file system type and device of a directory, and for ext4 whether it has a journal: without
   * one, ext4 skips inodes freed in the last minutes when it creates a file, so a run soon after a
   * mass deletion (an earlier run's clean-up) creates files several times slower.
   */
  static String fileSystem(Path dir) {
    try {
      FileStore store = Files.getFileStore(Files.exists(dir) ? dir : dir.getParent());
      String text = store.type() + " (" + store.name() + ")";
      Path journal = Path.of("/sys/fs/ext4", Path.of(store.name()).getFileName().toString(), "journal_task");
      if (store.type().equals("ext4") && Files.isReadable(journal)) {
        text += Files.readString(journal).strip().equals("<none>") ? ", no journal" : ", journaled";
      }
      return text;
    } catch (IOException | RuntimeException e) {
      return "an unknown file system";
    }
  }

  static void info(String who, String key, double value) {
    System.out.printf(Locale.ROOT, "BENCH-INFO %s %s=%s%n", who, key, fmt(value));
  }

  static void say(String text) {
    System.out.println("# " + text);
  }

  static void note(String text) {
    NOTES.add(text);
    say(text);
  }

  static String fmt(double v) {
    if (Double.isInfinite(v)) {
      return "timeout";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static void parse(String[] args) {
    repo = Path.of("").toAbsolutePath();
    work = Path.of(System.getProperty("java.io.tmpdir"), "gtfc-bench-" + ProcessHandle.current().pid());
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath();
        case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--b1-files" -> b1Files = Integer.parseInt(args[++i]);
        case "--b1-dirs" -> b1Dirs = Integer.parseInt(args[++i]);
        case "--b1-reps" -> b1Reps = Integer.parseInt(args[++i]);
        case "--b1-text" -> b1Text = Path.of(args[++i]).toAbsolutePath();
        case "--s1-files" -> s1Files = Integer.parseInt(args[++i]);
        case "--s1-dirs" -> s1Dirs = Integer.parseInt(args[++i]);
        case "--startup-reps" -> startupReps = Integer.parseInt(args[++i]);
        case "--only" -> only = new LinkedHashSet<>(Arrays.asList(args[++i].toUpperCase(Locale.ROOT).split(",")));
        case "--no-baseline" -> baseline = false;
        case "--no-baseline-s1" -> baselineS1 = false;
        case "--keep" -> keep = true;
        case "--trace" -> trace = true;
        case "--hold" -> hold = Integer.parseInt(args[++i]);
        case "--daemon-opts" -> daemonOpts = args[++i];
        case "--daemon-env" -> {
          String[] kv = args[++i].split("=", 2);
          daemonEnv.put(kv[0], kv[1]);
        }
        case "--small" -> {
          reps = 5;
          warmups = 2;
          b1Files = 1_000;
          b1Reps = 2;
          s1Files = 2_000;
          s1Dirs = 100;
          startupReps = 5;
        }
        default -> throw new IllegalArgumentException("unknown option " + a + "; see bench/run.sh --help");
      }
    }
    launcher = repo.resolve("gtfc");
  }
}
