package ferry.server.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An {@link Upload} appended to a file in place, for FTP's APPE and REST+STOR at the file's end: not atomic, so the
 * path's exclusive lock is held until committed or closed. It never changes a byte the file had (see
 * {@link Storage#openAppend}). Closing without a commit keeps what was written (a resumed upload resumes from there).
 */
final class InPlaceUpload implements Upload {
    private final FileChannel channel;
    private final FileOutput out;
    private final PathLocks.Held lock;
    private boolean closed;

    InPlaceUpload(FileChannel channel, Path file, long offset, PathLocks.Held lock) throws IOException {
        this.channel = channel.position(offset);
        this.out = new FileOutput(channel, file);
        this.lock = lock;
    }

    @Override
    public OutputStream content() {
        return out;
    }

    @Override
    public void commit() throws IOException {
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
