package ferry.server.ftp;

import ferry.server.session.Sessions;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An FTP session's command lines, and who reads them from the control connection. Between commands, the session's
 * own thread (DIRECT): a reader thread handing it each line cost two thread switches per command, a third of the
 * server's CPU time per small file. While a transfer runs nobody does (TRANSFER), until it has run for
 * {@link FtpSessions#WATCH_AFTER}: then a reader thread ({@link #readCommands}) takes over for the rest of the
 * session (WATCHED), so that ABOR is heard during a transfer (RFC 959 4.1.3). Each switch is a compare-and-set, so
 * exactly one thread ever reads. The login and idle timeouts hold either way, also for a client that drips bytes.
 */
final class CommandLines {
    private static final Logger log = LoggerFactory.getLogger(CommandLines.class);

    /** What {@link #next} returns when the client has gone, and for a line longer than the limit. */
    static final String END = new String("end of stream");
    static final String TOO_LONG = new String("line too long");

    private enum Reading { DIRECT, TRANSFER, WATCHED, CLOSED }

    /**
     * While the session's thread waits for a line (DIRECT): until when, and for which timeout. The socket's read
     * timeout ends a silent wait; {@link #closeIfSilent} ends one that a client drags out a byte at a time, since
     * every byte restarts that timeout. One object, so that both are read together.
     */
    private record LineWait(long deadlineNanos, Duration timeout, boolean loggedIn) {}

    private final Socket socket;
    private final ControlChannel control;
    private final FtpTransfers transfers;
    private final FtpSessions context;
    private final String peer;
    private final AtomicReference<Reading> reading = new AtomicReference<>(Reading.DIRECT);
    /** The socket whose reads the control channel makes: the TLS layer after AUTH TLS. */
    private volatile Socket readFrom;
    /** When the transfer in progress started, while TRANSFER. */
    private volatile long transferStart;
    /** The reader thread once WATCHED, else null. */
    private volatile Thread reader;
    private volatile LineWait lineWait;
    /** Set by whichever says 421 for a timeout first: the session's thread or the watchdog. */
    private final AtomicBoolean timedOut = new AtomicBoolean();
    /** Released by the session's thread once it has handled an AUTH line: the reader waits so as not to read the handshake. */
    private final Semaphore authHandled = new Semaphore(0);
    /** Lines read by {@link #readCommands} once WATCHED, in order; {@link #END} when the client has gone. */
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(64);

    CommandLines(Socket socket, ControlChannel control, FtpTransfers transfers, FtpSessions context, String peer) {
        this.socket = socket;
        this.readFrom = socket;
        this.control = control;
        this.transfers = transfers;
        this.context = context;
        this.peer = peer;
    }

    /** The next command line; {@link #END} when the client has gone, {@link #TOO_LONG}, or null after {@code wait}. */
    String next(Duration wait, boolean loggedIn) throws InterruptedException {
        if (reading.get() == Reading.WATCHED) return lines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        lineWait = new LineWait(System.nanoTime() + wait.toNanos(), wait, loggedIn);
        try {
            // Set at every read (a field store): the TLS handshake after AUTH sets a timeout of its own.
            readFrom.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, wait.toMillis())));
            return command(control.readLine());
        } catch (SocketTimeoutException e) {
            return null;
        } catch (ControlChannel.LineTooLongException e) {
            return TOO_LONG;
        } catch (IOException e) {
            log.debug("conn={} control connection ended: {}", peer, e.toString());
            return END;
        } finally {
            lineWait = null;
        }
    }

    /** True once: whoever gets it says the timeout's 421 (see {@link #closeIfSilent}). */
    boolean claimTimeout() {
        return timedOut.compareAndSet(false, true);
    }

    static String timeoutReply(Duration wait, boolean loggedIn) {
        return (loggedIn ? "Idle" : "No login") + " for " + Sessions.readable(wait)
                + "; closing the connection";
    }

    /** From now on lines come through {@code tls} (after AUTH TLS, or the implicit FTPS handshake). */
    void secured(Socket tls) {
        readFrom = tls;
    }

    /** After an AUTH line is handled: a reader thread may read again (the handshake is over, or failed). */
    void authHandled() {
        if (reading.get() == Reading.WATCHED) authHandled.release(); // else the session's thread reads the next line
    }

    /** A transfer starts; true if nobody reads the control connection meanwhile, to pass to {@link #transferEnded}. */
    boolean transferStarts() {
        if (!reading.compareAndSet(Reading.DIRECT, Reading.TRANSFER)) return false;
        transferStart = System.nanoTime();
        context.unwatched(this, true);
        return true;
    }

    void transferEnded(boolean unwatched) {
        if (!unwatched) return;
        context.unwatched(this, false);
        reading.compareAndSet(Reading.TRANSFER, Reading.DIRECT); // fails if the watchdog started the reader
    }

    /**
     * From the FTP port's watchdog: if the transfer in progress has run for {@code after} with nobody reading the
     * control connection, starts the reader thread, for the rest of the session.
     */
    void watchIfLong(long nowNanos, Duration after) {
        if (nowNanos - transferStart < after.toNanos()) return;
        if (!reading.compareAndSet(Reading.TRANSFER, Reading.WATCHED)) return;
        context.unwatched(this, false);
        try {
            readFrom.setSoTimeout(0); // the session's thread applies the timeouts to the queue from now on
        } catch (SocketException e) {
            log.debug("conn={} control connection gone: {}", peer, e.toString()); // the reader will see it too
        }
        Thread started = Thread.ofVirtual().name("ferry-ftp-control").start(this::readCommands);
        reader = started;
        if (reading.get() == Reading.CLOSED) started.interrupt(); // the session ended meanwhile (see close)
    }

    /**
     * From the watchdog: says 421 and closes the connection if the session's thread has waited longer than the login
     * or idle timeout for a whole command line. Within the watchdog's period, a quarter of the shorter timeout. The
     * 421 goes out on a thread of its own: a client that reads no replies could block the write, and the watchdog
     * must go on.
     */
    void closeIfSilent(long nowNanos) {
        LineWait wait = lineWait;
        if (wait == null || nowNanos - wait.deadlineNanos() <= 0) return;
        if (!claimTimeout()) return;
        Thread.ofVirtual().name("ferry-ftp-timeout").start(() -> {
            try {
                control.reply(421, timeoutReply(wait.timeout(), wait.loggedIn()));
            } catch (IOException e) {
                log.debug("conn={} 421 not sent: {}", peer, e.toString());
            }
            try {
                socket.close(); // the session's thread sees its read fail and ends
            } catch (IOException e) {
                log.debug("conn={} close failed: {}", peer, e.toString());
            }
        });
    }

    /** The session has ended: a reader thread, now or started later, stops. */
    void close() {
        reading.set(Reading.CLOSED);
        Thread watching = reader;
        if (watching != null) watching.interrupt();
    }

    String peer() {
        return peer;
    }

    /**
     * The reader thread once WATCHED: ABOR aborts the transfer at once and is queued to be answered after it;
     * every other line waits in the queue.
     */
    private void readCommands() {
        try {
            while (true) {
                String line;
                try {
                    line = control.readLine();
                } catch (ControlChannel.LineTooLongException e) {
                    line = TOO_LONG;
                }
                if (line == null) break;
                line = command(line);
                if (line.equals("ABOR")) transfers.abort();
                lines.put(line); // blocks when 64 lines wait: a flood of commands slows its sender only
                if (isAuth(line)) authHandled.acquire(); // the next bytes may be a TLS handshake: not ours to read
            }
        } catch (IOException e) {
            log.debug("conn={} control connection ended: {}", peer, e.toString());
        } catch (InterruptedException e) {
            return;
        }
        lines.offer(END);
    }

    /** A line as read: {@link #END} for the end of the stream, ABOR for any form of it. */
    private static String command(String line) {
        if (line == null) return END;
        return isAbort(line) ? "ABOR" : line;
    }

    private static boolean isAuth(String line) {
        return line.regionMatches(true, 0, "AUTH", 0, 4) && (line.length() == 4 || line.charAt(4) == ' ');
    }

    /** ABOR, possibly behind the Telnet Synch's data mark that some clients leave in the line (RFC 959 4.1.3). */
    private static boolean isAbort(String line) {
        String text = line.strip();
        if (text.length() < 4 || !text.regionMatches(true, text.length() - 4, "ABOR", 0, 4)) return false;
        return text.substring(0, text.length() - 4).chars().allMatch(c -> c >= 0xF0 && c <= 0xFF);
    }
}
