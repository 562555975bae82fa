package ferry.client.transfer;

import java.util.Objects;

/**
 * How one transfer runs: whether it may replace an existing target, whether it continues a partial of an earlier,
 * cut attempt ({@code get -c}, {@code upload -c}), whether to ask for compression, and where it reports progress.
 */
public record Options(boolean overwrite, boolean resume, boolean compress, Progress progress) {
    public Options {
        Objects.requireNonNull(progress, "progress");
    }

    /** A plain transfer: no resume, no compression, no progress. */
    public static Options of(boolean overwrite) {
        return new Options(overwrite, false, false, Progress.NONE);
    }
}
