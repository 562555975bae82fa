package ferry.client.command;

import ferry.client.transfer.Connection;
import ferry.client.transfer.Progress;
import java.nio.file.Path;

/**
 * What the REPL commands share: the connection, the local folder relative paths start from (changed by
 * {@code lcd}), and whether to exit. Used by the REPL's one thread.
 */
public final class Context {
    private final Connection connection;
    private Path localDir;
    private boolean exitRequested;
    private Progress progress = Progress.NONE;

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

    public boolean isExitRequested() {
        return exitRequested;
    }

    void requestExit() {
        exitRequested = true;
    }
}
