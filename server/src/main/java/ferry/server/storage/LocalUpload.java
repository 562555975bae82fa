package ferry.server.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An {@link Upload} on the local disk: bytes go to a hidden temporary file beside the target, {@link #commit()}
 * forces it to disk and renames it over the target. Holds its path's lock until committed or closed.
 */
final class LocalUpload implements Upload {
    private final Path temp;
    private final Path target;
    private final boolean overwrite;
    private final PathLocks.Held lock;
    private final String path;
    private final FileChannel channel;
    private final FileOutput out;
    private boolean committed;

    LocalUpload(Path temp, Path target, boolean overwrite, PathLocks.Held lock, String path) throws IOException {
        this.temp = temp;
        this.target = target;
        this.overwrite = overwrite;
        this.lock = lock;
        this.path = path;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.out = new FileOutput(channel, temp);
    }

    /** Copies the first {@code length} bytes of {@code source} in first (in the kernel, as copy_file_range can). */
    void copyFrom(FileChannel source, long length) throws IOException {
        for (long copied = 0; copied < length; ) {
            long n = source.transferTo(copied, length - copied, channel);
            if (n <= 0) throw new IOException(path + " shrank while it was copied"); // only from outside this server
            copied += n;
        }
    }

    @Override
    public OutputStream content() {
        return out;
    }

    @Override
    public void commit() throws IOException {
        try (channel; out) {
            out.force();
        }
        try {
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(path); // appeared since create(); we hold the path's change lock
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileSystemException e) {
            throw Confinement.asClientSees(e, path);
        }
        committed = true;
        lock.close();
    }

    @Override
    public void close() throws IOException {
        if (committed) return;
        try (lock) {
            try (channel; out) {
                // closed in reverse order: the background force ends before the channel closes
            }
            Files.deleteIfExists(temp);
        }
    }
}
