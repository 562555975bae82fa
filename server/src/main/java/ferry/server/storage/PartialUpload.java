package ferry.server.storage;

import ferry.protocol.Chunks;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * A resumable {@link Upload}: its bytes go to a hidden partial file beside the target whose name is stable for one
 * user and target, so a later upload can continue it from {@link #offset()}. {@link #commit()} cuts the partial where
 * the writing stopped, forces it to disk and renames it over the target, atomically. {@link #close()} without a
 * commit keeps the partial (a connection cut mid-upload: the client may resume); {@link #discard()} deletes it (its
 * content proved wrong). Holds the target's change lock until committed, discarded or closed. Used by one thread.
 */
public final class PartialUpload implements Upload {
    private final FileChannel channel;
    private final long offset;
    private final Path partial;
    private final Path target;
    private final boolean overwrite;
    private final PathLocks.Held lock;
    private final String path;
    private final FileOutput out;
    private boolean done;

    PartialUpload(FileChannel channel, long offset, Path partial, Path target, boolean overwrite, PathLocks.Held lock,
                  String path) throws IOException {
        this.channel = channel.position(offset);
        this.offset = offset;
        this.partial = partial;
        this.target = target;
        this.overwrite = overwrite;
        this.lock = lock;
        this.path = path;
        this.out = new FileOutput(channel, partial);
    }

    /** How many bytes of an earlier attempt this upload continues from (0: a fresh start). */
    public long offset() {
        return offset;
    }

    /** The CRC32C of the partial's first {@link #offset()} bytes, for the whole-file check at the end. */
    public CRC32C checksumPrefix() throws IOException {
        try {
            return Chunks.crcOf(channel, offset);
        } catch (EOFException shorter) {
            throw new FileSystemException(path, null, "partial upload shrank while in use");
        }
    }

    @Override
    public OutputStream content() {
        return out;
    }

    @Override
    public void commit() throws IOException {
        try (channel; out) { // closed even if the disk fails here; close() then keeps what reached it
            out.flush();
            channel.truncate(channel.position());
            out.force();
        }
        try {
            if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(path); // appeared since it was opened; we hold the change lock
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, path);
        }
        done = true;
        lock.close();
    }

    /** Deletes the partial: what it holds is known to be wrong. */
    public void discard() throws IOException {
        if (done) return;
        done = true;
        try (lock) {
            try (channel; out) {
                // closed in reverse order: the background force ends before the channel closes
            }
            Files.deleteIfExists(partial);
        }
    }

    /** Keeps what was written so far, for a later resume, and releases the lock. */
    @Override
    public void close() throws IOException {
        if (done) return;
        done = true;
        try (lock; channel; out) {
            if (channel.isOpen()) out.flush();
        }
    }
}
