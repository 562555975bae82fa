package ferry.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Issue 7's workloads against one server, each repeated {@code runs} times; every figure goes to {@link Results}.
 * A workload that fails is recorded as failed with the reason and the others go on. Every wait is bounded.
 */
final class Workloads {
    /** Opens one logged-in connection to be held idle. */
    interface IdleOpener {
        Closeable open() throws Exception;
    }

    /** A second client for the single-stream download, to show whether the generator is the bottleneck. */
    interface ClientCheck {
        /** The rate in MB/s of downloading {@code file} ({@code size} bytes), bytes discarded. */
        double rate(String file, long size) throws Exception;
    }

    /**
     * What to run and against what; file names are relative to {@code data}, the served folder. {@code check} names
     * the second client ("curl", "rawclient") or is null.
     */
    record Config(String system, Session.Factory sessions, IdleOpener idle, String check, ClientCheck checker, long pid, Path data, Path source,
                  String big, String mid, String par, int clients, String smallDir, int smallCount, int idleCount,
                  int burst, int concurrency, int runs, Duration timeout, Set<String> only) {}

    private static final double MB = 1e6;

    private final Config c;
    private final Results results;

    Workloads(Config config, Results results) {
        this.c = config;
        this.results = results;
    }

    /** The transfer workloads, {@code runs} times over, on one server. */
    void runTransfers() throws IOException {
        long bigSize = Files.size(c.data().resolve(c.big()));
        long parSize = Files.size(c.data().resolve(c.par()));
        long smallSize = Files.size(c.data().resolve(c.smallDir()).resolve(name(0)));
        String big = Sizes.label(bigSize), mid = midLabel();
        warmUp();
        warmUpPass(bigSize, parSize);
        settle();
        for (int run = 1; run <= c.runs(); run++) {
            System.out.println(c.system() + ": transfers, run " + run + " of " + c.runs());
            int r = run;
            measure("download-" + big, r, "MB/s", () -> download(c.big()));
            if (c.check() != null) measure("download-" + big + "-" + c.check(), r, "MB/s", () -> c.checker().rate(c.big(), bigSize));
            measure("upload-" + Sizes.label(Files.size(c.source())), r, "MB/s", () -> upload(r));
            measure("small-" + Sizes.label(smallSize) + "-x" + c.smallCount(), r, "files/s", this::smallFiles);
            measure("parallel-" + c.clients() + "x" + Sizes.label(parSize), r, "MB/s", () -> parallel(parSize));
            measure("download-" + mid, r, "MB/s", () -> download(c.mid()));
        }
    }

    /** The idle workload once, as run number {@code run}: bench/run starts a fresh server for each. */
    void runIdle(int run) throws IOException {
        System.out.println(c.system() + ": idle, run " + run);
        warmUp();
        String mid = midLabel();
        // The baseline for the download while idle: this server, before the connections, after an untimed download
        // of the same file as there. (The transfer runs' download-100MB comes from a server that has run every
        // workload: a JVM is warmer there.)
        untimed("download before idle", () -> download(c.mid()));
        settle();
        measure("download-" + mid + "-before-idle", run, "MB/s", () -> download(c.mid()));
        loginsAtOnce(run);
        idle(run, mid);
    }

    /**
     * Untimed downloads on a fresh server, for every server alike: the mid-sized file twice, then the big one three
     * times or for at most 20 s. The JIT compiles a JVM's send loop (and the load generator's receive loop) only
     * after some hundreds of megabytes: without the big ones, the framed port's first timed 1 GiB downloads ran at
     * 500 and 1,500 MB/s, the next ones at ~2,400.
     */
    private void warmUp() {
        long deadline = System.nanoTime() + 20_000_000_000L;
        for (int i = 0; i < 5 && (i < 2 || System.nanoTime() < deadline); i++) {
            String file = i < 2 ? c.mid() : c.big();
            untimed("download", () -> download(file));
        }
    }

    /**
     * Waits, at most 30 s, until the server's process and this generator have each used under 5 % of a core for a
     * quarter of a second. A JVM goes on compiling in background threads for seconds after a warm-up, and on two cores those
     * threads take the CPU from the timed transfers: every first timed download ran at 500-1,600 MB/s, every later
     * one at ~2,400, even after 3 GiB of warm-up. A server that does not compile settles at once.
     */
    private void settle() {
        long start = System.nanoTime(), deadline = start + 30_000_000_000L;
        long server = cpuNanos(c.pid()), self = cpuNanos(ProcessHandle.current().pid());
        if (server < 0 || self < 0) {
            System.out.println(c.system() + ": cannot read the CPU time of the server or the generator; not waiting for them to settle");
            return;
        }
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long serverNow = cpuNanos(c.pid()), selfNow = cpuNanos(ProcessHandle.current().pid());
            if (serverNow < 0) return; // the server is gone: the timed workloads will say so
            boolean quiet = serverNow - server < 12_500_000L && selfNow - self < 12_500_000L;
            server = serverNow;
            self = selfNow;
            if (quiet) return;
        }
        System.out.printf("%s: server or generator still busy after %.0f s; measuring anyway%n", c.system(), seconds(start));
    }

    /** CPU time of a process so far, or -1 if the system does not say (or the process is gone). */
    private static long cpuNanos(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /**
     * One untimed pass of the transfer workloads in the order of a timed run, the small files three times or for at
     * most 5 s. A JVM recompiles what the workloads share (a download after thousands of small files ran at 1,100-1,500
     * MB/s, at ~2,400 after big ones), so without this the figures of a JVM server rose from run to run. Not more
     * small files: over FTP every file leaves a TIME_WAIT connection, and tens of thousands of them slow some
     * servers' port choice (bind to port 0) and make new connections collide with old ones.
     */
    private void warmUpPass(long bigSize, long parSize) {
        System.out.println(c.system() + ": untimed warm-up pass");
        untimed("download", () -> download(c.big()));
        if (c.check() != null) untimed(c.check(), () -> c.checker().rate(c.big(), bigSize));
        untimed("upload", () -> upload(0));
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (int i = 0; i < 3 && System.nanoTime() < deadline; i++) untimed("small files", this::smallFiles);
        untimed("parallel", () -> parallel(parSize));
        untimed("download", () -> download(c.mid()));
    }

    private void untimed(String what, Measurement measurement) {
        try {
            measurement.run();
        } catch (Exception e) {
            System.out.println(c.system() + ": warm-up " + what + " failed: " + e); // the timed workloads will say more
        }
    }

    private String midLabel() throws IOException {
        return Sizes.label(Files.size(c.data().resolve(c.mid())));
    }

    private interface Measurement {
        double run() throws Exception;
    }

    /** Whether {@code --only} lets {@code workload} run. */
    private boolean selected(String workload) {
        return c.only().isEmpty() || c.only().stream().anyMatch(workload::startsWith);
    }

    private void measure(String workload, int run, String unit, Measurement measurement) {
        if (!selected(workload)) return;
        try {
            results.record(workload, run, measurement.run(), unit, "");
        } catch (Exception | Error e) {
            results.failed(workload, run, unit, e);
        }
    }

    /** One download on a session logged in beforehand; the login is not timed. */
    private double download(String file) throws IOException {
        try (Session session = c.sessions().login()) {
            long start = System.nanoTime();
            long bytes = session.download(file);
            double rate = bytes / MB / seconds(start);
            expectSize(file, bytes);
            session.quit();
            return rate;
        }
    }

    /** The same download by curl ({@code base} is {@code ftp://user:password@host:port/}). */
    static ClientCheck curl(String base, Duration timeout) {
        return (file, size) -> {
            long limit = transferTimeout(timeout, size).toSeconds();
            Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "--max-time", Long.toString(limit),
                    "-w", "%{size_download} %{time_starttransfer} %{time_total}", base + file).redirectErrorStream(true).start();
            if (!curl.waitFor(limit + 5, TimeUnit.SECONDS)) {
                curl.destroyForcibly();
                throw new IOException("curl did not finish");
            }
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String[] f = out.split("\\s+");
            if (curl.exitValue() != 0 || f.length != 3 || Long.parseLong(f[0]) != size) throw new IOException("curl: " + out);
            // From the first byte to the last, like the Java generator's timing (which leaves out the login).
            return size / MB / (Double.parseDouble(f[2]) - Double.parseDouble(f[1]));
        };
    }

    private double upload(int run) throws IOException {
        String remote = "up/upload-" + run + ".bin";
        Path stored = c.data().resolve(remote);
        Files.deleteIfExists(stored);
        try (Session session = c.sessions().login()) {
            long start = System.nanoTime();
            long bytes = session.upload(c.source(), remote);
            double rate = bytes / MB / seconds(start);
            session.quit();
            long arrived = Files.size(stored);
            if (arrived != Files.size(c.source())) throw new IOException("stored " + arrived + " bytes");
            return rate;
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    private double smallFiles() throws IOException {
        try (Session session = c.sessions().login()) {
            java.util.List<String> files = new java.util.ArrayList<>();
            for (int i = 0; i < c.smallCount(); i++) files.add(c.smallDir() + "/" + name(i));
            long start = System.nanoTime();
            long[] sizes = session.downloadAll(files);
            for (int i = 0; i < sizes.length; i++) expectSize(files.get(i), sizes[i]);
            double rate = c.smallCount() / seconds(start);
            session.quit();
            return rate;
        }
    }

    /** Clients connect, log in, download and quit, all at once; the rate is all their bytes over the wall time. */
    private double parallel(long size) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(c.clients());
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < c.clients(); i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    try (Session session = c.sessions().login()) {
                        long bytes = session.download(c.par());
                        session.quit();
                        return bytes;
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            long deadline = start + transferTimeout(c.timeout(), size * c.clients()).toNanos();
            long total = 0;
            for (Future<Long> f : done) total += f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (total != size * c.clients()) throw new IOException("received " + total + " bytes");
            return total / MB / seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code burst} clients connect and log in at the same moment (issue 7 saw vsftpd time out on ~10 % of 1,000 and
     * pyftpdlib refuse past 512 by default): records how many got in, with the time until the last answered.
     */
    private void loginsAtOnce(int run) {
        String workload = "logins-" + c.burst() + "-at-once";
        if (!selected(workload)) return;
        List<Closeable> open = Collections.synchronizedList(new ArrayList<>());
        Failures failures = new Failures();
        CountDownLatch go = new CountDownLatch(1);
        long start;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < c.burst(); i++) {
                clients.execute(() -> {
                    try {
                        go.await();
                        open.add(c.idle().open()); // each bounded by the generator's timeout
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
            }
            start = System.nanoTime();
            go.countDown();
        } // waits for every client
        String note = String.format("all answered in %.1f s", seconds(start)) + failures;
        results.record(workload, run, open.size(), "of " + c.burst(), note);
        synchronized (open) {
            open.forEach(Workloads::closeQuietly);
        }
    }

    /** Holds idleCount logged-in connections; records how many, the server's memory, and a download meanwhile. */
    private void idle(int run, String mid) {
        String held = "idle-held";
        List<Closeable> open = Collections.synchronizedList(new ArrayList<>());
        results.record("rss-before-idle", run, Memory.rssMiB(c.pid()), "MiB", "");
        try {
            String note = openIdle(open);
            results.record(held, run, open.size(), "of " + c.idleCount(), note);
            results.record("idle-rss", run, Memory.rssMiB(c.pid()), "MiB", "");
            results.record("idle-tree-pss", run, Memory.treePssMiB(c.pid()), "MiB", Memory.treeSize(c.pid()) + " processes");
            // After thousands of logins and no other request, a JVM has compiled the request path for logins alone:
            // the first download met uncommon traps (-Xlog:deoptimization: FrameReader.decode, Session.dispatch,
            // FrameWriter.write, IOUtil.write) and ran while the JIT compiled it again. One untimed download first,
            // for every server alike, as before the baseline (on its own its effect was within the noise here:
            // medians of 1,622 and 1,707 MB/s over eight fresh framed servers without and with it).
            untimed("download while idle", () -> download(c.mid()));
            settle();
            measure("download-" + mid + "-while-idle", run, "MB/s", () -> download(c.mid()));
        } catch (Exception e) {
            results.failed(held, run, "of " + c.idleCount(), e);
        } finally {
            synchronized (open) {
                open.forEach(Workloads::closeQuietly);
            }
        }
    }

    private String openIdle(List<Closeable> open) throws InterruptedException {
        Duration phase = c.timeout().multipliedBy(6);
        long deadline = System.nanoTime() + phase.toNanos();
        Failures failures = new Failures();
        AtomicInteger late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(c.concurrency());
        long start = System.nanoTime();
        for (int i = 0; i < c.idleCount(); i++) {
            pool.execute(() -> {
                if (System.nanoTime() > deadline) {
                    late.incrementAndGet();
                    return;
                }
                try {
                    open.add(c.idle().open());
                } catch (Exception e) {
                    failures.add(e);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(phase.plus(c.timeout()).toMillis(), TimeUnit.MILLISECONDS)) pool.shutdownNow();
        String note = String.format("opened in %.1f s", seconds(start)) + failures;
        if (late.get() > 0) note += "; " + late.get() + " not tried (phase deadline " + phase.toSeconds() + " s)";
        return note;
    }

    private void expectSize(String file, long bytes) throws IOException {
        long size = Files.size(c.data().resolve(file));
        if (bytes != size) throw new IOException(file + ": received " + bytes + " of " + size + " bytes");
    }

    private static Duration transferTimeout(Duration timeout, long bytes) {
        return timeout.plusSeconds(bytes / 20_000_000); // at least 20 MB/s, or it counts as failed
    }

    static String name(int i) {
        return String.format("s%05d.bin", i);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing is all that was asked.
        }
    }

    /** Clients that failed, counted from many threads: "" if none, else "; N failed, first: reason". */
    private static final class Failures {
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicReference<String> first = new AtomicReference<>();

        void add(Exception e) {
            count.incrementAndGet();
            first.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        @Override
        public String toString() {
            return count.get() == 0 ? "" : "; " + count.get() + " failed, first: " + first.get();
        }
    }
}
