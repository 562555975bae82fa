package ferry.client.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress bar's line, its throttling and its erasing, on a clock the test moves. */
@Timeout(10)
class ProgressBarTest {
    private static final long MB = 1024 * 1024;

    private final StringWriter screen = new StringWriter();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final ProgressBar bar = new ProgressBar(new PrintWriter(screen), clock::get, () -> 120);

    private void elapse(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** The last line drawn: the text after the last carriage return before the end, without trailing padding. */
    private String lastDrawn() {
        String all = screen.toString();
        return all.substring(all.lastIndexOf('\r') + 1).stripTrailing();
    }

    @Test
    void showsPercentBytesRateAndEta() {
        bar.started("a.bin", 0, 10 * MB);
        elapse(2000);
        bar.advanced(4 * MB); // 2 MB/s, 6 MB to go: 3 s
        assertEquals("a.bin  40% [########............] 4.0 MB / 10.0 MB  2.0 MB/s  ETA 0:03", lastDrawn());
    }

    @Test
    void startDrawsAtOnceWithoutARateYet() {
        bar.started("a.bin", 0, 2048);
        assertEquals("\ra.bin   0% [....................] 0 B / 2.0 KB  --/s  ETA --:--", screen.toString());
    }

    @Test
    void redrawsAtMostFiveTimesASecond() {
        bar.started("a.bin", 0, 100 * MB);
        int draws = screen.toString().split("\r", -1).length - 1;
        for (int i = 1; i <= 100; i++) {
            elapse(10); // 100 calls in one second
            bar.advanced(i * MB);
        }
        int redraws = screen.toString().split("\r", -1).length - 1 - draws;
        assertEquals(5, redraws, screen::toString);
    }

    @Test
    void finishedErasesTheLineSoOnlyTheSummaryStays() {
        bar.started("a.bin", 0, 10 * MB);
        elapse(500);
        bar.advanced(5 * MB);
        int before = screen.toString().length();
        bar.finished();
        String erase = screen.toString().substring(before);
        assertTrue(erase.matches("\r +\r"), () -> "erased with " + erase.replace("\r", "\\r"));
        assertTrue(erase.length() - 2 >= lastDrawnLength(screen.toString().substring(0, before)), "blanks cover the whole line");
        bar.finished(); // twice is harmless
        assertEquals(before + erase.length(), screen.toString().length());
    }

    private static int lastDrawnLength(String screen) {
        return screen.substring(screen.lastIndexOf('\r') + 1).length();
    }

    @Test
    void resumedTransferCountsOnlyThisRunForTheRate() {
        bar.started("big.iso", 8 * MB, 10 * MB);
        elapse(1000);
        bar.advanced(9 * MB);
        assertEquals("big.iso  90% [##################..] 9.0 MB / 10.0 MB  1.0 MB/s  ETA 0:01", lastDrawn());
    }

    @Test
    void unknownSizeShowsBytesAndRateOnly() {
        bar.started("stream", 0, -1);
        elapse(1000);
        bar.advanced(3 * MB);
        assertEquals("stream  3.0 MB  3.0 MB/s", lastDrawn());
    }

    @Test
    void longEtaHasHours() {
        bar.started("a.bin", 0, 10_000 * MB);
        elapse(1000);
        bar.advanced(MB);
        assertTrue(lastDrawn().endsWith("ETA 2:46:39"), this::lastDrawn);
    }

    @Test
    void narrowTerminalShortensTheNameNotTheNumbers() {
        ProgressBar narrow = new ProgressBar(new PrintWriter(screen), clock::get, () -> 60);
        narrow.started("a-very-long-file-name-that-does-not-fit.bin", 0, 10 * MB);
        elapse(1000);
        narrow.advanced(5 * MB);
        String line = lastDrawn();
        assertTrue(line.length() <= 59, line);
        assertTrue(line.startsWith("…") && line.endsWith("5.0 MB / 10.0 MB  5.0 MB/s  ETA 0:01"), line);
    }
}
