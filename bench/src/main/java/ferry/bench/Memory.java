package ferry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A server's memory from /proc: VmRSS of its main process, and the sum of Pss over the process and all its
 * descendants (a forking server such as vsftpd keeps each session in its own processes; Pss shares the common
 * pages out fairly instead of counting them once per process as a sum of RSS would). Linux only.
 */
final class Memory {
    private Memory() {}

    /** VmRSS of {@code pid} in MiB, or -1 if unreadable. */
    static double rssMiB(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:") / 1024.0;
    }

    /** Sum of Pss over {@code pid} and its descendants, in MiB, or -1 if the main process is unreadable. */
    static double treePssMiB(long pid) {
        long main = field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        if (main < 0) return -1;
        long children = ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(p -> Math.max(0, field(Path.of("/proc", Long.toString(p.pid()), "smaps_rollup"), "Pss:"))).sum();
        return (main + children) / 1024.0;
    }

    /** Processes in the tree (1 for a single-process server). */
    static long treeSize(long pid) {
        return 1 + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants).count();
    }

    /** The kB value of the first line starting with {@code key}, or -1. */
    private static long field(Path file, String key) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0])).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
