package ferry.client.command;

import ferry.client.transfer.Connection;
import java.nio.file.Path;

/** What the REPL commands share: the connection, the local folder relative paths start from, and whether to exit. */
public final class Context {
    private final Connection connection;
    private final Path localDir;
    private boolean exitRequested;

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

    public boolean isExitRequested() {
        return exitRequested;
    }

    void requestExit() {
        exitRequested = true;
    }
}
