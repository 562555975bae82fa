package ferry.server;

import ferry.server.storage.Download;
import ferry.server.storage.Entry;
import ferry.server.storage.PartialUpload;
import ferry.server.storage.Storage;
import ferry.server.storage.Upload;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real storage whose uploads take a number of bytes and then fail as a full disk does ("No space left on
 * device"): a full disk cannot be made for real in a test. With {@code holdCloses}, closing an upload waits until
 * {@link #replied} or 300 ms, then counts in {@link #closed}: an upload closed before the server's reply went out
 * (as it must be) shows in the count when the client reads the reply; one closed only after it would not.
 */
public final class FillingUpStorage implements Storage {
    private final Storage disk;
    private final long room;
    private final boolean holdCloses;
    /** Lets held closes go on (see the class comment). */
    public final CountDownLatch replied = new CountDownLatch(1);
    /** How many uploads have been closed. */
    public final AtomicInteger closed = new AtomicInteger();

    /** {@code disk}'s uploads take {@code room} bytes each; with {@code holdCloses}, closes wait (see above). */
    public FillingUpStorage(Storage disk, long room, boolean holdCloses) {
        this.disk = disk;
        this.room = room;
        this.holdCloses = holdCloses;
    }

    @Override
    public Upload create(String file, long size, boolean overwrite) throws IOException {
        return filling(disk.create(file, size, overwrite));
    }

    @Override
    public Upload openAppend(String file, long offset) throws IOException {
        return filling(disk.openAppend(file, offset));
    }

    private Upload filling(Upload upload) {
        OutputStream full = new OutputStream() {
            private long left = room;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                int n = (int) Math.min(left, length);
                upload.content().write(bytes, offset, n);
                left -= n;
                if (n < length) throw new IOException("No space left on device");
            }

            @Override
            public void flush() throws IOException {
                upload.content().flush();
            }
        };
        return new Upload() {
            @Override
            public OutputStream content() {
                return full;
            }

            @Override
            public void commit() throws IOException {
                upload.commit();
            }

            @Override
            public void close() throws IOException {
                if (holdCloses) {
                    try {
                        replied.await(300, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                upload.close();
                closed.incrementAndGet();
            }
        };
    }

    @Override
    public String describe() {
        return disk.describe();
    }

    @Override
    public List<Entry> list(String folder) throws IOException {
        return disk.list(folder);
    }

    @Override
    public Entry stat(String path) throws IOException {
        return disk.stat(path);
    }

    @Override
    public Download openRead(String file) throws IOException {
        return disk.openRead(file);
    }

    @Override
    public PartialUpload openPartial(String file, String owner, long size, boolean overwrite) throws IOException {
        return disk.openPartial(file, owner, size, overwrite);
    }

    @Override
    public void delete(String file) throws IOException {
        disk.delete(file);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        disk.rename(from, to);
    }

    @Override
    public void mkdir(String folder) throws IOException {
        disk.mkdir(folder);
    }

    @Override
    public void rmdir(String folder, boolean recursive) throws IOException {
        disk.rmdir(folder, recursive);
    }
}
