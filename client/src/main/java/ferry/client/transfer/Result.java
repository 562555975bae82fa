package ferry.client.transfer;

import ferry.protocol.Rate;
import java.nio.file.Path;

/** A finished, verified transfer: what went where, how many bytes and how long it took. */
public record Result(String remote, Path local, long bytes, long nanos) {
    /** "1.2 MB in 0.05 s (24.0 MB/s)". */
    public String rate() {
        return Rate.describe(bytes, nanos);
    }
}
