package ferry.server;

import ferry.protocol.Version;
import ferry.server.auth.UsersFile;
import ferry.server.auth.UsersFileException;
import ferry.server.session.Sessions;
import ferry.server.storage.Storage;
import ferry.server.transport.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Ferry server: wires users, storage, sessions and the listener together, and shuts them down in order.
 * {@link #close()} is idempotent and may be called from any thread (console, shutdown hook, tests); a second caller
 * waits until the first has finished.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    /** Everything a server needs to start; the command line fills it in, tests build it directly. */
    public record Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace,
                         Duration idleTimeout, Duration lockTimeout) {
        /** With the default lock timeout of 5 s. */
        public Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace, Duration idleTimeout) {
            this(address, root, usersFile, maxClients, grace, idleTimeout, Duration.ofSeconds(5));
        }
    }

    private final Config config;
    private final UsersFile users;
    private final Sessions sessions;
    private final Listener listener;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Server(Config config, UsersFile users, Sessions sessions, Listener listener) {
        this.config = config;
        this.users = users;
        this.sessions = sessions;
        this.listener = listener;
    }

    public static Server start(Config config) throws IOException, UsersFileException {
        UsersFile users = UsersFile.load(config.usersFile());
        Storage storage = Storage.of(config.root(), Set.of(config.usersFile()), config.lockTimeout());
        Sessions sessions = new Sessions(users, storage, config.maxClients(), config.idleTimeout(), Version.current());
        Listener listener = Listener.start(config.address(), sessions);
        log.info("Ferry {} listening on {}:{}, serving {}, {} users from {}", Version.current(),
                listener.address().getHostString(), listener.port(), storage.describe(), users.users().size(), config.usersFile());
        return new Server(config, users, sessions, listener);
    }

    public int port() {
        return listener.port();
    }

    /** One line per connected client, for the console's {@code status}. */
    public List<String> status() {
        return sessions.describe();
    }

    public long transfersInFlight() {
        return sessions.transferring();
    }

    /** Reads users.txt again now (it is also re-read at a login after it changed); says what happened. */
    public String reloadUsers() {
        return users.reload();
    }

    /** Blocks until the server has shut down. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops accepting, says goodbye to idle clients, lets transfers in flight finish within the grace period, then
     * closes every connection.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        try {
            log.info("shutting down: {} clients connected, {} transfers in flight, grace period {}",
                    sessions.count(), sessions.transferring(), Sessions.readable(config.grace()));
            listener.stopAccepting();
            sessions.shutdown();
            if (!listener.awaitSessions(config.grace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("grace period over; closing {} connections", sessions.count());
            }
            listener.close();
            log.info("stopped");
        } catch (IOException e) {
            log.warn("shutdown: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.countDown();
        }
    }

    private void awaitQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
