package ferry.protocol;

import java.util.Locale;

/** How a finished transfer is described to people, the same on both sides: "1.2 MB in 0.050 s (24.0 MB/s)". */
public final class Rate {
    private Rate() {}

    public static String describe(long bytes, long nanos) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "%s in %.3f s (%s/s)", size(bytes), seconds, size((long) (bytes / seconds)));
    }

    /** A byte count in the largest unit that keeps it at or above 1, with one decimal: 1023 B, 1.0 KB, 2.4 MB. */
    public static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String units = "KMGTPE";
        double value = bytes;
        int unit = -1;
        while (value >= 1023.95 && unit < units.length() - 1) { // so that rounding to one decimal never shows 1024.0
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %sB", value, units.charAt(unit));
    }
}
