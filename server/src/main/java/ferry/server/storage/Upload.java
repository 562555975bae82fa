package ferry.server.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A file being uploaded: its bytes go somewhere hidden, and only {@link #commit()} puts them under the final name,
 * atomically. Closing an upload that was not committed throws the bytes away, so an aborted or corrupted upload
 * leaves nothing behind. Holds the path's change lock until committed or closed. Used by one thread.
 */
public interface Upload extends Closeable {
    /** Where the content goes; the caller must not close it (commit and close do). */
    OutputStream content();

    /** Makes the content durable and puts it under its final name. */
    void commit() throws IOException;
}
