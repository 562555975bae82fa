package ferry.client.transfer;

/**
 * Told how far a transfer has got, so a terminal can draw a progress bar. Calls come from the thread doing the
 * transfer; an implementation decides itself how often to redraw. {@link #NONE} ignores everything (piped output,
 * tests).
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void started(String name, long offset, long total) {}

        @Override
        public void advanced(long bytesSoFar) {}

        @Override
        public void finished() {}
    };

    /** A transfer of {@code name} begins at {@code offset} (non-zero when resuming) of {@code total} bytes (-1 if unknown). */
    void started(String name, long offset, long total);

    /** {@code bytesSoFar} bytes of the whole file are done, the resumed offset included. */
    void advanced(long bytesSoFar);

    /** The transfer ended, well or not; clear whatever was drawn. */
    void finished();
}
