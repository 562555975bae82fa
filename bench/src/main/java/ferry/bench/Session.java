package ferry.bench;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One logged-in client connection of a load generator, to a framed or an FTP port. Downloads discard the bytes
 * (they are only counted); uploads read a local file. Not thread-safe: one session per thread.
 */
interface Session extends Closeable {

    /** Downloads {@code remote}, discarding its bytes; returns how many arrived (verified where the protocol can). */
    long download(String remote) throws IOException;

    /** Uploads {@code local} as {@code remote}, replacing it; returns the bytes sent. */
    long upload(Path local, String remote) throws IOException;

    /** Logs out politely (bounded by the session's timeout) and closes. */
    void quit();

    /** Closes at once, with a reset rather than a FIN, so that no TIME_WAIT is left behind on the client. */
    @Override
    void close();

    /** Opens logged-in sessions to one server. Thread-safe. */
    interface Factory {
        Session login() throws IOException;
    }
}
