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

    /**
     * Downloads every file in {@code remotes}, returning each one's size in order. One after the other unless the
     * protocol lets a client send requests ahead of the answers (Ferry's framed protocol does).
     */
    default long[] downloadAll(java.util.List<String> remotes) throws IOException {
        long[] sizes = new long[remotes.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = download(remotes.get(i));
        return sizes;
    }

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
