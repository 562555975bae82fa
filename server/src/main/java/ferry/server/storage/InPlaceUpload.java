package ferry.server.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * An {@link Upload} written straight into the file from an offset, for FTP's APPE and REST+STOR: not atomic, so the
 * path's exclusive lock is held until committed or closed, and {@link #commit()} cuts the file where the writing
 * stopped. Closing without a commit keeps what was written (a resumed upload resumes from there).
 */
final class InPlaceUpload implements Upload {
    private final FileChannel channel;
    private final OutputStream out;
    private final PathLocks.Held lock;

    InPlaceUpload(FileChannel channel, long offset, PathLocks.Held lock) throws IOException {
        this.channel = channel.position(offset);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
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
        channel.force(true);
        close();
    }

    @Override
    public void close() throws IOException {
        try {
            out.flush();
            channel.close();
        } finally {
            lock.close();
        }
    }
}
