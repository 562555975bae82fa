package ferry.client.transfer;

import ferry.protocol.Rate;
import java.nio.file.Path;

/**
 * A finished, verified transfer: what went where, how many bytes crossed the network ({@code bytes}, after the
 * {@code resumedFrom} bytes an earlier attempt had moved), and how long it took.
 */
public record Result(String remote, Path local, long bytes, long nanos, long resumedFrom) {
    public Result(String remote, Path local, long bytes, long nanos) {
        this(remote, local, bytes, nanos, 0);
    }

    /** "1.2 MB in 0.05 s (24.0 MB/s)", plus " (resumed at N bytes)" for a resume. */
    public String rate() {
        return Rate.describe(bytes, nanos) + (resumedFrom > 0 ? " (resumed at " + resumedFrom + " bytes, whole file verified)" : "");
    }
}
