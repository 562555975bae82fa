package ferry.server.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * An {@link Upload} written straight into the file from an offset, for FTP's APPE and REST+STOR: not atomic, so the
 * path's exclusive lock is held until committed or closed, and {@link #commit()} cuts the file where the writing
 * stopped. Closing without a commit keeps what was written (a resumed upload resumes from there).
 */
final class InPlaceUpload implements Upload {
    private final FileChannel channel;
    private final FileOutput out;
    private final PathLocks.Held lock;
    private boolean closed;

    InPlaceUpload(FileChannel channel, long offset, PathLocks.Held lock) throws IOException {
        this.channel = channel.position(offset);
        this.out = new FileOutput(channel);
        this.lock = lock;
    }

    @Override
    public OutputStream content() {
        return out;
    }

    @Override
    public void commit() throws IOException {
        out.flush();
        channel.truncate(channel.position());
        out.force();
        close();
    }

    @Override
    public void close() throws IOException {
        if (closed) return; // commit closes, and so does the caller's try-with-resources after it
        closed = true;
        try (channel; out) {
            out.flush();
        } finally {
            lock.close();
        }
    }
}
