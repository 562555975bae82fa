package ferry.server.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * When a download may use {@code sendfile}, and how much of its end goes as copies instead.
 *
 * <p>Bytes sent by {@code sendfile} are not copied: until the client has read them, the socket's queues hold
 * references to the file's pages in the page cache. A change of the file in place right after the download (a
 * REST+STOR, once the download's lock is released) would reach the client in the bytes still on their way. So the
 * last {@link #copiedTail()} bytes of every transfer are copied: as many as the send queue and the receiver's queue
 * can hold at most (the receiver's queue matters when the client runs on this host: loopback passes the same
 * pages on). When the last copy is written, every byte still in the kernel is a copy. Read from this network
 * namespace's limits: {@code net.ipv4.tcp_wmem} and {@code tcp_rmem} (the autotuning maximum) and
 * {@code net.core.wmem_max} and {@code rmem_max} (doubled, the most SO_SNDBUF and SO_RCVBUF can set). A client in
 * another namespace on this host with larger limits is not covered.
 *
 * <p>Not before Java 22: until JDK-8310902, a socket closed by another thread (ABOR, the stall watchdog) during
 * {@code FileChannel.transferTo} could be closed under {@code sendfile}, whose descriptor number another connection
 * could then reuse. Not where the limits cannot be read (not Linux): then everything is copied.
 */
public final class ZeroCopy {
    private static final long COPIED_TAIL = copiedTail(Path.of("/proc/sys/net"), Runtime.version().feature());

    private ZeroCopy() {
    }

    /** How many bytes at the end of a transfer are copied; -1 if {@code sendfile} is not used at all. */
    public static long copiedTail() {
        return COPIED_TAIL;
    }

    /** The tail for the limits under {@code net} (a {@code /proc/sys/net}) and a Java feature release. */
    static long copiedTail(Path net, int javaFeature) {
        if (javaFeature < 22) return -1;
        try {
            long send = Math.max(field(net.resolve("ipv4/tcp_wmem"), 2), 2 * field(net.resolve("core/wmem_max"), 0));
            long receive = Math.max(field(net.resolve("ipv4/tcp_rmem"), 2), 2 * field(net.resolve("core/rmem_max"), 0));
            return Math.addExact(send, receive);
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or not readable, or not numbers: copy everything
        }
    }

    /** One line's field; read as a line because Files.readString gets only the first byte of a sysctl file. */
    private static long field(Path file, int index) throws IOException {
        String line;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            line = in.readLine();
        }
        if (line == null) throw new IOException(file + " is empty");
        long value = Long.parseLong(line.strip().split("\\s+")[index]);
        if (value <= 0) throw new NumberFormatException(file + ": " + value);
        return value;
    }
}
