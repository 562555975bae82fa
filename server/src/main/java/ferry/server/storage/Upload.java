package ferry.server.storage;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file being uploaded: bytes go to a hidden temporary file beside the target, and only {@link #commit()} moves
 * it under its final name, atomically. Closing an upload that was not committed deletes the temporary file, so an
 * aborted or corrupted upload leaves nothing behind. Used by one thread.
 */
public final class Upload implements Closeable {
    private final Storage storage;
    private final Path temp;
    private final Path target;
    private final boolean overwrite;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    Upload(Storage storage, Path temp, Path target, boolean overwrite) throws IOException {
        this.storage = storage;
        this.temp = temp;
        this.target = target;
        this.overwrite = overwrite;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    }

    /** Where the content goes; the caller must not close it (commit and close do). */
    public OutputStream content() {
        return out;
    }

    /** Forces the content to disk and moves it under its final name. */
    public void commit() throws IOException {
        out.flush();
        channel.force(true);
        channel.close();
        storage.commit(temp, target, overwrite);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
