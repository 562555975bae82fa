package ferry.server.transport;

import ferry.protocol.DirectBuffers;
import ferry.protocol.GatheringOutput;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * A socket's output that remembers since when a write has been blocked, because the socket's read timeout does not
 * bound writes: a client that stops reading a download would otherwise hold its session, and the file's lock,
 * until shutdown. The sessions' watchdogs close connections stalled longer than the idle timeout. On a socket with
 * a channel (plain TCP, not TLS) it is also a {@link GatheringOutput}, and {@link #transferFrom} sends file content
 * with {@code sendfile} and from a direct buffer (see {@link ZeroCopy}); those writes are watched the same way.
 * While it carries a download ({@link #downloading()}), such a socket gets its share of a {@link SendBudget}.
 */
public class StallGuard extends FilterOutputStream {
    private volatile long writingSince;

    private StallGuard(OutputStream out) {
        super(out);
    }

    /**
     * The guard for {@code socket}'s output: a gathering one when the socket is plain TCP with a channel. Never for
     * TLS: a TLS socket layered over a plain one answers {@code getChannel()} with the plain one's channel, which
     * would send the bytes unencrypted.
     */
    public static StallGuard of(Socket socket, SendBudget budget) throws IOException {
        SocketChannel channel = socket instanceof SSLSocket ? null : socket.getChannel();
        return channel == null ? new StallGuard(socket.getOutputStream())
                : new Gathering(socket.getOutputStream(), channel, budget.forPeerOf(socket));
    }

    /** Without a send budget: the kernel sizes the socket's send buffer. */
    public static StallGuard of(Socket socket) throws IOException {
        return of(socket, SendBudget.OFF);
    }

    /**
     * Counts a download on this output until the handle is closed: on a plain TCP socket to a client on this
     * machine, among the {@link SendBudget}'s downloads, and so that its writes meanwhile keep its send buffer at
     * its share. Nothing under TLS. Call and close from the writing thread.
     */
    public SendBudget.Counted downloading() {
        return SendBudget.Counted.NONE;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        begin();
        try {
            out.write(bytes, offset, length);
        } finally {
            end();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Sends {@code count} bytes of {@code file} from {@code position}, 64 KiB per write, each watched; returns how many
     * were sent, fewer if the file ended. A failed write fails the call (FileChannel.transferTo to a stream's channel
     * would report the bytes sent so far instead).
     */
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.max(1, Math.min(DirectBuffers.SIZE, count))];
        ByteBuffer wrapped = ByteBuffer.wrap(buffer);
        long sent = 0;
        while (sent < count) {
            wrapped.clear().limit((int) Math.min(buffer.length, count - sent));
            int n = file.read(wrapped, position + sent);
            if (n < 0) break; // the file ended early
            write(buffer, 0, n);
            sent += n;
        }
        return sent;
    }

    /** How many bytes the last {@link #transferFrom} sent with {@code sendfile}; the rest were copied. */
    public long zeroCopied() {
        return 0;
    }

    /** How long the write in progress has been blocked, in nanoseconds; 0 when none is. */
    public long stalledNanos() {
        long since = writingSince;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    void begin() {
        writingSince = System.nanoTime();
    }

    void end() {
        writingSince = 0;
    }

    /**
     * Plain TCP: gathering writes straight to the socket's channel, and sendfile. The channel is in blocking mode
     * between calls, as its stream needs.
     */
    static final class Gathering extends StallGuard implements GatheringOutput {
        private final SocketChannel channel;
        private final SendBudget budget;
        private long zeroCopied;
        /** The download in progress on this output, counted in the budget; null when none. The writing thread's only. */
        private SendBudget.Counted download;
        /** The SO_SNDBUF given to the socket, 0 while the kernel sizes it. */
        private int sendBuffer;

        Gathering(OutputStream out, SocketChannel channel, SendBudget budget) {
            super(out);
            this.channel = channel;
            this.budget = budget;
        }

        /** One download at a time: a data connection carries one. */
        @Override
        public SendBudget.Counted downloading() {
            SendBudget.Counted counted = budget.count();
            if (counted == SendBudget.Counted.NONE) return counted; // off, or a client on another machine
            download = counted;
            return () -> {
                download = null;
                counted.close();
            };
        }

        /** Bytes copied by the caller (FTP's ASCII mode): watched, and in a download, at the socket's share. */
        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            takeShare();
            super.write(bytes, offset, length);
        }

        @Override
        public void writeFully(ByteBuffer[] buffers, int offset, int length) throws IOException {
            long left = 0;
            for (int i = offset; i < offset + length; i++) left += buffers[i].remaining();
            takeShare();
            begin();
            try {
                while (left > 0) left -= channel.write(buffers, offset, length);
            } finally {
                end();
            }
        }

        /**
         * {@code sendfile} with the channel non-blocking, so that it moves what fits and never holds the carrier
         * thread (FileChannel.transferTo to a blocking socket channel calls sendfile without parking: as many clients
         * that stop reading as cores would stop every other connection). When the socket is full, one write of
         * {@link #PARKING_WRITE} bytes through a pooled direct buffer, which parks the virtual thread until the socket
         * has room and is watched like every write; then sendfile again. Before Java 22 (see {@link ZeroCopy}) every
         * byte goes that second way, 64 KiB per write.
         */
        @Override
        public long transferFrom(FileChannel file, long position, long count) throws IOException {
            boolean sendfile = ZeroCopy.available();
            zeroCopied = 0;
            ByteBuffer buffer = null;
            ByteBuffer[] one = new ByteBuffer[1];
            long sent = 0;
            try {
                while (sent < count) {
                    takeShare();
                    if (sendfile) {
                        long n = sendWhatFits(file, position + sent, count - sent);
                        zeroCopied += n;
                        sent += n;
                        if (n > 0) continue;
                    }
                    // The socket is full (the write parks), or the file ended (the read says so), or no sendfile.
                    if (buffer == null) one[0] = buffer = DirectBuffers.take();
                    buffer.clear().limit((int) Math.min(sendfile ? PARKING_WRITE : buffer.capacity(), count - sent));
                    int n = file.read(buffer, position + sent);
                    if (n < 0) break; // the file ended early
                    buffer.flip();
                    writeFully(one, 0, 1);
                    sent += n;
                }
            } finally {
                if (buffer != null) DirectBuffers.release(buffer);
            }
            return sent;
        }

        /**
         * The copied write that waits for room in a full socket. Small, because what it carries is copied: with 64 KiB,
         * a socket of 64 KiB (50 local downloads sharing the {@link SendBudget}) got half of every file that way, and
         * 50 parallel downloads of 20 MB took 3.5 s of wall time per 10 rounds and 3.3 s of the server's CPU; with
         * 4 KiB, 2.9-3.1 s and 2.8-3.0 s.
         */
        static final int PARKING_WRITE = 4 * 1024;

        @Override
        public long zeroCopied() {
            return zeroCopied;
        }

        /**
         * While a download is counted, sets the socket's send buffer to its share of the budget when that changed.
         * A socket once given a share whose download is alone again gets the whole budget (within
         * {@code net.core.wmem_max}): the kernel's sizing cannot be restored.
         */
        private void takeShare() throws IOException {
            if (download == null) return;
            int share = budget.share();
            if (share == 0) {
                if (sendBuffer == 0) return;
                share = budget.bytes();
            }
            if (share == sendBuffer) return;
            channel.setOption(StandardSocketOptions.SO_SNDBUF, share);
            sendBuffer = share;
        }

        /** The SO_SNDBUF this output gave its socket, 0 if none. */
        int sendBuffer() {
            return sendBuffer;
        }

        private long sendWhatFits(FileChannel file, long position, long count) throws IOException {
            channel.configureBlocking(false);
            try {
                return file.transferTo(position, count, channel);
            } finally {
                channel.configureBlocking(true);
            }
        }
    }
}
