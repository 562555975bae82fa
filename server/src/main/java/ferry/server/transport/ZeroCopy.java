package ferry.server.transport;

/**
 * Whether downloads use {@code FileChannel.transferTo} to the socket: {@code sendfile} on Linux and macOS. Where a
 * JDK has no such call it copies, and returns what it moved, which {@code StallGuard.transferFrom} handles alike.
 *
 * <p>Bytes sent by {@code sendfile} are not copied: until the client has read them, the socket's queues hold
 * references to the file's pages in the page cache, and a change of the file in place would reach the client in
 * the bytes still on their way, after the download had released the file. The server never changes a byte of a
 * file in place: an upload goes to a temporary file renamed over the target, a REST+STOR inside a file writes a new
 * version the same way, and an append only adds bytes past the end (see {@code Storage.openAppend}). A program
 * outside the server that rewrites a file tears a download in flight whether it is copied or not.
 *
 * <p>Not before Java 22: until JDK-8310902, a socket closed by another thread (ABOR, the stall watchdog) during
 * {@code FileChannel.transferTo} could be closed under {@code sendfile}, whose descriptor number another connection
 * could then reuse. Java 21 copies everything.
 */
public final class ZeroCopy {
    private static final boolean AVAILABLE = availableOn(Runtime.version().feature());

    private ZeroCopy() {
    }

    /** Whether {@code sendfile} is used on this JVM. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** Whether {@code sendfile} is used on a Java feature release. */
    static boolean availableOn(int javaFeature) {
        return javaFeature >= 22;
    }
}
