package ferry.server.ftp;

import ferry.server.auth.Access;
import ferry.server.command.Edits;
import ferry.server.storage.Storage;
import ferry.server.transport.SendBudget;
import ferry.server.transport.SocketHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FTP port's {@link SocketHandler}: admits a control connection (or answers 421 when full or shutting down),
 * runs an {@link FtpSession} for it, and keeps the live sessions for {@code status} and shutdown. Thread-safe.
 */
public final class FtpSessions implements SocketHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FtpSessions.class);

    /** How data connections are made: passive ports and the address PASV advertises (null: the control's own). */
    public record DataSettings(String passivePorts, InetAddress passiveAddress) {
        public DataSettings {
            if (passivePorts != null) PassivePorts.parse(passivePorts); // fail at start-up, not at the first PASV
        }
    }

    private final Access access;
    private final Storage storage;
    private final SendBudget budget;
    private final Edits edits;
    private final int maxClients;
    private final Duration idleTimeout;
    private final String version;
    private final PassivePorts passivePorts;
    private final InetAddress passiveAddress;
    private final FtpTls tls;
    private final Set<FtpSession> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean closing;
    /**
     * How long a transfer runs before a reader thread listens to its control connection for ABOR (see
     * {@link CommandLines}); the watchdog looks this often, so ABOR is heard within twice this.
     */
    static final Duration WATCH_AFTER = Duration.ofMillis(50);
    /** Sessions whose transfer runs while nothing reads their control connection. */
    private final Set<CommandLines> unwatched = ConcurrentHashMap.newKeySet();
    /**
     * Cuts downloads whose client stopped reading (see {@link ferry.server.transport.StallGuard}), and starts the
     * control readers of transfers that run longer than {@link #WATCH_AFTER}.
     */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ferry-ftp-watchdog").factory());

    public FtpSessions(Access access, Storage storage, int maxClients, Duration idleTimeout, String version,
                       DataSettings data) {
        this(access, storage, maxClients, idleTimeout, version, data, null);
    }

    /** With FTPS when {@code tls} is not null: AUTH TLS on the FTP port, and the implicit FTPS port if there is one. */
    public FtpSessions(Access access, Storage storage, int maxClients, Duration idleTimeout, String version,
                       DataSettings data, FtpTls tls) {
        this(access, storage, maxClients, idleTimeout, version, data, tls, new SendBudget(SendBudget.DEFAULT));
    }

    /** The data connections of downloads to clients on this machine share {@code budget} (see {@link SendBudget}). */
    public FtpSessions(Access access, Storage storage, int maxClients, Duration idleTimeout, String version,
                       DataSettings data, FtpTls tls, SendBudget budget) {
        this.budget = budget;
        this.tls = tls;
        this.access = access;
        this.storage = storage;
        this.edits = new Edits(storage);
        this.maxClients = maxClients;
        this.idleTimeout = idleTimeout;
        this.version = version;
        this.passivePorts = data.passivePorts() == null ? PassivePorts.ANY : PassivePorts.parse(data.passivePorts());
        this.passiveAddress = data.passiveAddress();
        // A quarter of the shorter timeout: how late a session that drags out its command line is closed at most.
        long period = Math.max(10, Math.min(loginTimeout().toMillis(), idleTimeout.toMillis()) / 4);
        watchdog.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (FtpSession session : live) {
                try {
                    session.closeIfStalled(idleTimeout);
                    session.closeIfSilent(now);
                } catch (Throwable e) { // a thrown task would never run again
                    log.warn("conn={} watchdog: {}", session.peer(), e.toString());
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        watchdog.scheduleWithFixedDelay(this::watchLongTransfers, WATCH_AFTER.toMillis(), WATCH_AFTER.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void watchLongTransfers() {
        if (unwatched.isEmpty()) return;
        long now = System.nanoTime();
        for (CommandLines lines : unwatched) {
            try {
                lines.watchIfLong(now, WATCH_AFTER);
            } catch (Throwable e) { // a thrown task would never run again
                log.warn("conn={} cannot watch the control connection: {}", lines.peer(), e.toString());
            }
        }
    }

    /** A session's transfer runs ({@code running}) or no longer runs with nothing reading its control connection. */
    void unwatched(CommandLines lines, boolean running) {
        if (running) unwatched.add(lines);
        else unwatched.remove(lines);
    }

    @Override
    public void serve(Socket socket) throws IOException {
        // No read timeout here: FtpSession applies the login and idle timeouts itself.
        // Urgent data inline: clients send ABOR after Telnet IP and Synch as urgent data (RFC 959 4.1.3).
        if (!(socket instanceof javax.net.ssl.SSLSocket)) socket.setOOBInline(true); // TLS has no urgent data
        // Replies are small and each waits for the last: without this, Nagle holds a 226 back until the client's
        // delayed ACK of the 150 (~40 ms), which capped a session at ~22 small files a second.
        socket.setTcpNoDelay(true);
        if (closing) {
            refuse(socket, "Server shutting down");
            return;
        }
        if (admitted.incrementAndGet() > maxClients) {
            admitted.decrementAndGet();
            refuse(socket, "Too many clients (at most " + maxClients + ")");
            return;
        }
        try {
            FtpSession session = new FtpSession(socket, this);
            live.add(session);
            log.info("conn={} ftp connected ({} open)", session.peer(), live.size());
            try {
                if (closing) session.shutdown();
                session.run();
            } finally {
                live.remove(session);
                log.info("conn={} ftp disconnected", session.peer());
            }
        } finally {
            admitted.decrementAndGet();
        }
    }

    @Override
    public void refuse(Socket socket, String reason) throws IOException {
        log.info("conn={} ftp refused: {}", socket.getRemoteSocketAddress(), reason);
        socket.getOutputStream().write(("421 " + reason + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.shutdownOutput();
    }

    /**
     * Says 421 to idle sessions and closes them; busy ones finish their transfer, then stop. The watchdog goes on
     * (stalled clients, timeouts, ABOR during the transfers that finish) until {@link #close}.
     */
    public void shutdown() {
        closing = true;
        for (FtpSession session : live) {
            Thread.ofVirtual().name("ferry-ftp-bye").start(session::shutdown);
        }
    }

    /** After the sessions have ended (or the server failed to start): stops the watchdog. */
    @Override
    public void close() {
        closing = true;
        watchdog.shutdownNow();
    }

    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (FtpSession session : live) lines.add(session.describe());
        lines.sort(null);
        return lines;
    }

    public int count() {
        return live.size();
    }

    public long transferring() {
        return live.stream().filter(FtpSession::isTransferring).count();
    }

    boolean isClosing() {
        return closing;
    }

    FtpTls tls() {
        return tls;
    }

    Access access() {
        return access;
    }

    SendBudget sendBudget() {
        return budget;
    }

    Storage storage() {
        return storage;
    }

    Edits edits() {
        return edits;
    }

    String version() {
        return version;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long a connection may stay without a login: a minute, or the idle timeout if that is shorter. */
    Duration loginTimeout() {
        return idleTimeout.compareTo(Duration.ofMinutes(1)) < 0 ? idleTimeout : Duration.ofMinutes(1);
    }

    PassivePorts passivePorts() {
        return passivePorts;
    }

    InetAddress passiveAddress() {
        return passiveAddress;
    }
}
