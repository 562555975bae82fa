package ferry.bench;

/** Workload labels from byte counts: 1073741824 → "1GiB", 100000000 → "100MB", 4096 → "4KiB". */
final class Sizes {
    private Sizes() {}

    static String label(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GiB";
        if (bytes >= 1_000_000 && bytes % 1_000_000 == 0) return bytes / 1_000_000 + "MB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + "MiB";
        if (bytes >= 1000 && bytes % 1000 == 0) return bytes / 1000 + "KB";
        if (bytes >= 1024 && bytes % 1024 == 0) return (bytes >> 10) + "KiB";
        return bytes + "B";
    }
}
