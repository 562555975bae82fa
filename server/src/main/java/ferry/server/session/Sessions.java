package ferry.server.session;

import ferry.protocol.Frame.Bye;
import ferry.protocol.FrameWriter;
import ferry.server.auth.Access;
import ferry.server.command.Edits;
import ferry.server.command.Listing;
import ferry.server.command.Transfers;
import ferry.server.storage.Storage;
import ferry.server.transport.SocketHandler;
import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import ferry.server.tls.ServerTls;
import java.net.SocketTimeoutException;
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
 * The framed protocol's {@link SocketHandler}: admits a connection (or refuses it when full or shutting down), runs a
 * {@link Session} for it, and keeps the live sessions for {@code status} and shutdown. Thread-safe.
 */
public final class Sessions implements SocketHandler {
    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private final Access access;
    private final Storage storage;
    private final Transfers transfers;
    private final Listing listing;
    private final Edits edits;
    private final int maxClients;
    private final Duration idleTimeout;
    private final String version;
    private final Set<Session> live = ConcurrentHashMap.newKeySet();
    /** Connections admitted and not yet ended; counted apart from {@code live} so that admission is atomic. */
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean closing;
    /** Closes connections whose client stopped reading (see {@link ferry.server.transport.StallGuard}); checks a few times per timeout. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("ferry-watchdog").factory());

    public Sessions(Access access, Storage storage, int maxClients, Duration idleTimeout, String version) {
        this.access = access;
        this.storage = storage;
        this.transfers = new Transfers(storage);
        this.listing = new Listing(storage);
        this.edits = new Edits(storage);
        this.maxClients = maxClients;
        this.idleTimeout = idleTimeout;
        this.version = version;
        long period = Math.max(10, idleTimeout.toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::closeStalled, period, period, TimeUnit.MILLISECONDS);
    }

    private void closeStalled() {
        for (Session session : live) {
            session.closeIfStalled(idleTimeout);
        }
    }

    /** "300 s", or "250 ms" for timeouts under a second. */
    public static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void serve(Socket socket) throws IOException {
        socket.setSoTimeout((int) Math.min(idleTimeout.toMillis(), Integer.MAX_VALUE));
        socket.setTcpNoDelay(true);
        if (closing) {
            refuse(socket, "server shutting down");
            return;
        }
        if (admitted.incrementAndGet() > maxClients) {
            admitted.decrementAndGet();
            refuse(socket, "too many clients (at most " + maxClients + ")");
            return;
        }
        try {
            if (socket instanceof SSLSocket tls && !handshake(tls)) return;
            run(new Session(socket, this));
        } finally {
            admitted.decrementAndGet();
        }
    }

    /** Completes a TLS handshake before the session starts, so a failed one is logged and audited; false if it failed. */
    private boolean handshake(SSLSocket tls) {
        Duration limit = idleTimeout.compareTo(Duration.ofMinutes(1)) < 0 ? idleTimeout : Duration.ofMinutes(1);
        try {
            ServerTls.handshake(tls, limit);
            return true;
        } catch (IOException e) {
            log.info("conn={} TLS negotiation failed: {}", tls.getRemoteSocketAddress(), e.toString());
            access.audit().record("tls-failed", tls.getInetAddress().getHostAddress(), null, e.getMessage());
            return false;
        }
    }

    private void run(Session session) throws IOException {
        live.add(session);
        if (closing) session.shutdown(); // shutdown() may have walked the sessions just before this one was added
        log.info("conn={} connected ({} open)", session.peer(), live.size());
        try {
            session.run();
        } finally {
            live.remove(session);
            log.info("conn={} disconnected", session.peer());
        }
    }

    @Override
    public void refuse(Socket socket, String reason) throws IOException {
        log.info("conn={} refused: {}", socket.getRemoteSocketAddress(), reason);
        new FrameWriter(socket.getOutputStream()).write(new Bye(reason));
        // The client has likely sent HELLO already: closing with it unread would reset the connection and could
        // destroy the BYE before the client reads it. Half-close, then drain what it sent, for a bounded time.
        socket.shutdownOutput();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        byte[] discard = new byte[4096];
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            try {
                if (socket.getInputStream().read(discard) < 0) return;
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }

    /** Tells every session to finish: idle ones are said goodbye to and closed now, busy ones after their request. */
    public void shutdown() {
        closing = true;
        watchdog.shutdown(); // after this, Listener.close() cuts what the grace period leaves
        for (Session session : live) {
            Thread.ofVirtual().name("ferry-bye").start(session::shutdown); // never block on one slow peer
        }
    }

    /** One line per connected client: address, user and what it is doing. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Session session : live) {
            lines.add(session.describe());
        }
        lines.sort(null);
        return lines;
    }

    public int count() {
        return live.size();
    }

    public long transferring() {
        return live.stream().filter(Session::isTransferring).count();
    }

    Access access() {
        return access;
    }

    Storage storage() {
        return storage;
    }

    Edits edits() {
        return edits;
    }

    Transfers transfers() {
        return transfers;
    }

    Listing listing() {
        return listing;
    }

    String version() {
        return version;
    }
}
