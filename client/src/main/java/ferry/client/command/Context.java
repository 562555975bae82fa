package ferry.client.command;

import ferry.client.transfer.Connection;
import ferry.client.transfer.Options;
import ferry.client.transfer.Progress;
import java.nio.file.Path;

/**
 * What the REPL commands share: the connection, the local folder relative paths start from (changed by
 * {@code lcd}), whether transfers compress (changed by {@code compress}), where they report progress, and whether
 * to exit. Used by the REPL's one thread.
 */
public final class Context {
    private final Connection connection;
    private Path localDir;
    private boolean exitRequested;
    private Progress progress = Progress.NONE;
    private boolean compress;

    public Context(Connection connection, Path localDir) {
        this.connection = connection;
        this.localDir = localDir;
    }

    public Connection connection() {
        return connection;
    }

    /** A local path as the user typed it, resolved against the local folder. */
    public Path local(String path) {
        return localDir.resolve(path);
    }

    public Path localDir() {
        return localDir;
    }

    void changeLocalDir(Path folder) {
        localDir = folder;
    }

    /** Where transfers report how far they got; {@link Progress#NONE} unless the REPL drew on a terminal. */
    public Progress progress() {
        return progress;
    }

    public void useProgress(Progress progress) {
        this.progress = progress;
    }

    /** Whether transfers ask for compression unless told otherwise ({@code compress on|off}). */
    public boolean isCompressing() {
        return compress;
    }

    void compress(boolean on) {
        compress = on;
    }

    /** The options of one transfer: the session's compression and progress, plus what the command says. */
    public Options options(boolean overwrite, boolean resume, boolean compressThis) {
        return new Options(overwrite, resume, compress || compressThis, progress);
    }

    public boolean isExitRequested() {
        return exitRequested;
    }

    void requestExit() {
        exitRequested = true;
    }
}
