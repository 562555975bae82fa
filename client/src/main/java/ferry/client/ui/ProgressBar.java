package ferry.client.ui;

import ferry.client.transfer.Progress;
import ferry.protocol.Rate;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A transfer's progress as one line on a terminal, {@code name  45% [####....] 1.2 MB / 2.6 MB  3.4 MB/s  ETA 0:01},
 * redrawn in place ({@code \r}) at most every {@link #REDRAW_NANOS} and erased when the transfer ends, so only the
 * command's summary line stays. The clock and the terminal's width are injected, so tests need not wait. Calls come
 * from the one thread doing the transfer; not thread-safe.
 */
public final class ProgressBar implements Progress {
    /** At most five redraws a second: enough to look alive, little enough to cost nothing. */
    static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final LongSupplier nanoClock;
    private final IntSupplier width;
    private String name = "";
    private long offset;
    private long total = -1;
    private long startNanos;
    private long drawnNanos;
    private int drawnLength;

    public ProgressBar(PrintWriter out, LongSupplier nanoClock, IntSupplier width) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.width = width;
    }

    @Override
    public void started(String name, long offset, long total) {
        this.name = name;
        this.offset = offset;
        this.total = total;
        this.startNanos = nanoClock.getAsLong();
        draw(offset, startNanos);
    }

    @Override
    public void advanced(long bytesSoFar) {
        long now = nanoClock.getAsLong();
        if (now - drawnNanos < REDRAW_NANOS) return;
        draw(bytesSoFar, now);
    }

    @Override
    public void finished() {
        if (drawnLength == 0) return;
        out.print("\r" + " ".repeat(drawnLength) + "\r");
        out.flush();
        drawnLength = 0;
    }

    private void draw(long bytes, long now) {
        String line = render(bytes, now - startNanos, width.getAsInt() - 1); // never the last column: no wrap
        out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        out.flush();
        drawnLength = Math.max(drawnLength, line.length());
        drawnNanos = now;
    }

    /**
     * The line for {@code bytes} done after {@code elapsedNanos}, at most {@code columns} wide: on a narrow terminal
     * the bar goes first, then the name is shortened. The rate counts only this run's bytes, not a resumed offset.
     */
    String render(long bytes, long elapsedNanos, int columns) {
        double seconds = elapsedNanos / 1e9;
        long rate = seconds > 0 ? (long) ((bytes - offset) / seconds) : 0;
        String speed = rate > 0 ? Rate.size(rate) + "/s" : "--/s";
        String percent = "";
        String bar = "";
        String counts = Rate.size(bytes);
        String eta = "";
        if (total > 0) {
            int done = (int) Math.min(100, bytes * 100 / total);
            int filled = done * BAR_WIDTH / 100;
            percent = String.format(Locale.ROOT, " %3d%%", done);
            bar = " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "]";
            counts = " " + Rate.size(bytes) + " / " + Rate.size(total);
            eta = "  ETA " + (rate > 0 ? duration((total - bytes) / rate) : "--:--");
        } else {
            counts = "  " + counts;
        }
        String numbersOnly = percent + counts + "  " + speed + eta;
        String line = name + percent + bar + counts + "  " + speed + eta;
        if (columns <= 0 || line.length() <= columns) return line;
        int room = columns - numbersOnly.length();
        if (room >= name.length()) return name + numbersOnly;
        if (room >= 2) return "…" + name.substring(name.length() - room + 1) + numbersOnly;
        return numbersOnly.strip();
    }

    private static String duration(long seconds) {
        if (seconds >= 3600) return "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60);
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
}
