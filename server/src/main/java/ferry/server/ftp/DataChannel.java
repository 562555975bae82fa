package ferry.server.ftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the next data connection comes from: a passive listener (PASV, EPSV) or an address to connect to (PORT,
 * EPRT). Passive connections are accepted only from the control connection's address, and active ones go only
 * there (no FTP bounce, RFC 2577). One transfer uses it once. Used by one session's thread, apart from
 * {@link #abortWait}.
 */
final class DataChannel implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(DataChannel.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Socket control;
    private final PassivePorts ports;
    private final InetAddress advertised;
    private final Duration idle;
    private boolean extendedOnly;
    private ServerSocket passive;
    private InetSocketAddress active;
    /** The passive listener or the connecting socket while a transfer waits for its connection; else null. */
    private volatile Closeable waiting;
    private volatile boolean waitAborted;

    /** The 426's text for a transfer that ABOR ended. */
    static final String ABORTED = "Transfer aborted by ABOR";

    /** A wait for the data connection ended by ABOR. */
    static final class WaitAbortedException extends IOException {
        WaitAbortedException() {
            super(ABORTED);
        }
    }

    /**
     * {@code advertised} is what PASV tells clients to connect to (for NAT), null for the control's local address;
     * {@code idle} bounds every read of a data connection, so a silent client cannot hold a transfer forever.
     */
    DataChannel(Socket control, PassivePorts ports, InetAddress advertised, Duration idle) {
        this.control = control;
        this.ports = ports;
        this.advertised = advertised;
        this.idle = idle;
    }

    /** PASV or EPSV: listens, and answers where to connect (227 or 229), or why not (503 after EPSV ALL, 425). */
    FtpReply passive(boolean extended) {
        if (!extended && extendedOnly) return new FtpReply(503, "PASV is refused after EPSV ALL"); // RFC 2428 4
        try {
            return extended ? new FtpReply(229, epsv()) : new FtpReply(227, pasv());
        } catch (IOException e) {
            return new FtpReply(425, "Cannot open passive connection: " + e.getMessage());
        }
    }

    /** PORT or EPRT: checks the address (501), EPSV ALL (503) and bounce (504), and answers 200. */
    FtpReply active(String argument, boolean extended) throws IOException {
        String verb = extended ? "EPRT" : "PORT";
        InetSocketAddress target;
        try {
            target = extended ? Addresses.eprt(argument) : Addresses.port(argument);
        } catch (IllegalArgumentException e) {
            return new FtpReply(501, e.getMessage());
        }
        if (extendedOnly) return new FtpReply(503, verb + " is refused after EPSV ALL"); // RFC 2428 4
        try {
            connectTo(target);
            return new FtpReply(200, verb + " command successful");
        } catch (SecurityException e) {
            log.info("conn={} refused {} to {}: {}", control.getRemoteSocketAddress(), verb, target, e.getMessage());
            return new FtpReply(504, "Refused: " + e.getMessage()); // RFC 2577: no FTP bounce
        }
    }

    /** PASV (RFC 959 4.1.2): listens and returns the reply text with h1,h2,h3,h4,p1,p2; IPv4 only. */
    private String pasv() throws IOException {
        InetAddress address = advertised != null ? advertised : control.getLocalAddress();
        if (!(address instanceof Inet4Address)) throw new IOException("PASV needs IPv4; use EPSV");
        int port = listen();
        byte[] h = address.getAddress();
        return "Entering Passive Mode (%d,%d,%d,%d,%d,%d)".formatted(h[0] & 255, h[1] & 255, h[2] & 255, h[3] & 255,
                port >> 8, port & 255);
    }

    /** EPSV (RFC 2428 3): listens and returns the reply text with the port only. */
    private String epsv() throws IOException {
        return "Entering Extended Passive Mode (|||" + listen() + "|)";
    }

    /** The next transfer connects to {@code target}, which must be the client's own address. */
    private void connectTo(InetSocketAddress target) throws IOException {
        InetAddress client = control.getInetAddress();
        if (!target.getAddress().equals(client)) {
            throw new SecurityException("data connections go only to " + client.getHostAddress());
        }
        if (target.getPort() < 1024) throw new SecurityException("data connections go only to ports from 1024 up");
        close();
        active = target;
    }

    boolean isReady() {
        return passive != null || active != null;
    }

    /**
     * The data connection for one transfer; the channel is used up afterwards. While it waits for the connection
     * (accept or connect, which set {@link #waiting}), {@link #abortWait} ends the wait: any failure is then ABOR's.
     */
    Socket open() throws IOException {
        waitAborted = false;
        try {
            Socket socket;
            if (active != null) socket = connect();
            else if (passive != null) socket = accept();
            else throw new IOException("use PASV, EPSV, PORT or EPRT first");
            if (waitAborted) { // ABOR just as the connection was made: it may have closed it
                socket.close();
                throw new WaitAbortedException();
            }
            socket.setSoTimeout((int) Math.min(idle.toMillis(), Integer.MAX_VALUE));
            return socket;
        } catch (IOException e) {
            if (waitAborted && !(e instanceof WaitAbortedException)) throw new WaitAbortedException();
            throw e;
        } finally {
            waiting = null;
            close();
        }
    }

    /** EPSV ALL (RFC 2428 4): from now on only EPSV may set up data connections. */
    void extendedOnly() throws IOException {
        close();
        extendedOnly = true;
    }

    private int listen() throws IOException {
        close();
        passive = ports.open(control.getLocalAddress());
        passive.setSoTimeout((int) WAIT.toMillis());
        return passive.getLocalPort();
    }

    private Socket accept() throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        waiting = passive;
        while (System.nanoTime() < deadline) {
            passive.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            Socket socket;
            try {
                socket = passive.accept();
            } catch (SocketTimeoutException e) {
                break;
            }
            if (socket.getInetAddress().equals(control.getInetAddress())) return socket;
            socket.close(); // someone else raced for the port (RFC 2577): not our client
        }
        throw new IOException("no data connection within " + WAIT.toSeconds() + " s");
    }

    /** ABOR, from the control reader's thread: ends a wait for a data connection (either way), if one is under way. */
    void abortWait() {
        Closeable wait = waiting;
        if (wait == null) return;
        waitAborted = true;
        try {
            wait.close(); // its accept or connect fails at once
        } catch (IOException e) {
            // closed already
        }
    }

    private Socket connect() throws IOException {
        Socket socket = SocketChannel.open().socket(); // with a channel, for sendfile
        waiting = socket;
        try {
            socket.bind(new InetSocketAddress(control.getLocalAddress(), 0));
            socket.connect(active, (int) WAIT.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        active = null;
        if (passive != null) {
            ServerSocket socket = passive;
            passive = null;
            socket.close();
        }
    }
}
