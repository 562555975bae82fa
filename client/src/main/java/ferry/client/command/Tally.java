package ferry.client.command;

import ferry.client.transfer.Result;
import ferry.protocol.Rate;
import java.io.PrintWriter;

/**
 * Counts what a multi-file command (mget, mput, get -r, upload -r) did, prints each failure as it happens and ends
 * with one summary line: "mget: 3 files, 2 folders, 1.2 MB in 0.050 s (24.0 MB/s), 1 failed". Used by one thread.
 */
final class Tally {
    private final String command;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private int files;
    private int folders;
    private int failed;
    private int skipped;
    private long bytes;

    Tally(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
    }

    void transferred(Result result) {
        files++;
        bytes += result.bytes();
    }

    void folder() {
        folders++;
    }

    void failed(String why) {
        failed++;
        err.println("error: " + why);
    }

    /** Something left out on purpose (a symbolic link); said once, not counted as a failure. */
    void skipped(String why) {
        skipped++;
        err.println("skipped: " + why);
    }

    /** Prints the summary line; returns the exit code, 1 if anything failed. */
    int report(PrintWriter out) {
        out.printf("%s: %d file%s, %d folder%s, %s, %d failed%s%n", command, files, files == 1 ? "" : "s",
                folders, folders == 1 ? "" : "s", Rate.describe(bytes, System.nanoTime() - start), failed,
                skipped == 0 ? "" : ", " + skipped + " skipped");
        return failed == 0 ? 0 : 1;
    }
}
