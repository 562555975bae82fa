package ferry.server;

import ferry.protocol.Version;
import ferry.server.auth.Access;
import ferry.server.auth.AuditLog;
import ferry.server.auth.LoginGuard;
import ferry.server.auth.UsersFile;
import ferry.server.auth.UsersFileException;
import ferry.server.ftp.FtpSessions;
import ferry.server.ftp.FtpTls;
import ferry.server.tls.ServerTls;
import ferry.server.session.Sessions;
import ferry.server.storage.Storage;
import ferry.server.transport.Listener;
import ferry.server.transport.SendBudget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
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

    /**
     * Everything a server needs to start; the command line fills it in, tests build it directly. {@code ftp} is the
     * FTP port's address, or null for no FTP; {@code ftpData} how its data connections are made.
     */
    public record Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace,
                         Duration idleTimeout, Duration lockTimeout, InetSocketAddress ftp, FtpSessions.DataSettings ftpData,
                         Security security, int sendBudget) {
        public Config {
            SendBudget.check(sendBudget); // before anything opens: a bad value fails the start, not half of it
        }

        /** With the default send budget (see {@link SendBudget}). */
        public Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace,
                      Duration idleTimeout, Duration lockTimeout, InetSocketAddress ftp, FtpSessions.DataSettings ftpData,
                      Security security) {
            this(address, root, usersFile, maxClients, grace, idleTimeout, lockTimeout, ftp, ftpData, security, SendBudget.DEFAULT);
        }

        /** With the default security settings. */
        public Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace,
                      Duration idleTimeout, Duration lockTimeout, InetSocketAddress ftp, FtpSessions.DataSettings ftpData) {
            this(address, root, usersFile, maxClients, grace, idleTimeout, lockTimeout, ftp, ftpData, Security.DEFAULT);
        }

        /** Without FTP. */
        public Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace,
                      Duration idleTimeout, Duration lockTimeout) {
            this(address, root, usersFile, maxClients, grace, idleTimeout, lockTimeout, null, new FtpSessions.DataSettings(null, null));
        }

        /** Without FTP, with the default lock timeout of 5 s. */
        public Config(InetSocketAddress address, Path root, Path usersFile, int maxClients, Duration grace, Duration idleTimeout) {
            this(address, root, usersFile, maxClients, grace, idleTimeout, Duration.ofSeconds(5));
        }
    }

    /**
     * Limits against abuse: failed logins per address before a lock-out, how long it lasts, the first back-off
     * delay (doubling per failure), connections per address, and the audit log's file (null: none). With a TLS
     * identity ({@code tls}, null for none) the framed port speaks TLS and the FTP port offers AUTH TLS;
     * {@code requireTls} refuses FTP logins and data before TLS; {@code tlsReuse} makes FTPS data connections resume
     * the control connection's TLS session; {@code ftps} is the implicit FTPS port's address (null for none);
     * {@code ftpsTls13} lets FTPS negotiate TLS 1.3 as well as 1.2.
     */
    public record Security(int maxLoginFailures, Duration lockout, Duration failureDelay, int maxPerAddress, Path auditLog,
                           ServerTls tls, boolean requireTls, boolean tlsReuse, InetSocketAddress ftps, boolean ftpsTls13) {
        public static final Security DEFAULT = new Security(5, Duration.ofMinutes(5), Duration.ofMillis(250), 64, null);

        public Security {
            if ((requireTls || ftps != null) && tls == null) throw new IllegalArgumentException("--require-tls and --ftps-port need --tls");
        }

        /** Without TLS. */
        public Security(int maxLoginFailures, Duration lockout, Duration failureDelay, int maxPerAddress, Path auditLog) {
            this(maxLoginFailures, lockout, failureDelay, maxPerAddress, auditLog, null);
        }

        /** TLS optional for FTP, session reuse required, no implicit FTPS port. */
        public Security(int maxLoginFailures, Duration lockout, Duration failureDelay, int maxPerAddress, Path auditLog,
                        ServerTls tls) {
            this(maxLoginFailures, lockout, failureDelay, maxPerAddress, auditLog, tls, false, true, null, false);
        }

        /** FTPS's settings; TLS 1.2 only unless {@code ftpsTls13}, as TLS 1.3 tickets break some clients' uploads. */
        FtpTls ftpTls() {
            return tls == null ? null : new FtpTls(ftpsTls13 ? tls : tls.tls12Only(), requireTls, tlsReuse);
        }
    }

    private final Config config;
    private final UsersFile users;
    private final AuditLog audit;
    private final ExecutorService executor;
    private final Sessions sessions;
    private final Listener listener;
    private final FtpSessions ftpSessions;
    private final Listener ftpListener;
    private final Listener ftpsListener;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);

    private Server(Config config, Access access, ExecutorService executor, Sessions sessions, Listener listener,
                   FtpSessions ftpSessions, Listener ftpListener, Listener ftpsListener) {
        this.config = config;
        this.users = access.users();
        this.audit = access.audit();
        this.executor = executor;
        this.sessions = sessions;
        this.listener = listener;
        this.ftpSessions = ftpSessions;
        this.ftpListener = ftpListener;
        this.ftpsListener = ftpsListener;
    }

    public static Server start(Config config) throws IOException, UsersFileException {
        UsersFile users = UsersFile.load(config.usersFile());
        Security security = config.security();
        AuditLog audit = security.auditLog() == null ? AuditLog.NONE : AuditLog.open(security.auditLog());
        Access access = new Access(users, new LoginGuard(security.maxLoginFailures(), security.lockout(),
                security.failureDelay(), audit), audit);
        Storage storage = Storage.of(config.root(), Set.of(config.usersFile()), config.lockTimeout());
        Sessions sessions = new Sessions(access, storage, config.maxClients(), config.idleTimeout(), Version.current());
        ExecutorService executor = Listener.newExecutor(); // one virtual thread per connection, for both protocols
        Listener listener;
        try {
            listener = Listener.start(config.address(), sessions, executor, security.maxPerAddress(), security.tls());
        } catch (IOException e) {
            executor.shutdown();
            throw e;
        }
        FtpSessions ftpSessions = null;
        Listener ftpListener = null;
        Listener ftpsListener = null;
        if (config.ftp() != null || security.ftps() != null) {
            FtpTls ftpTls = security.ftpTls();
            ftpSessions = new FtpSessions(access, storage, config.maxClients(), config.idleTimeout(), Version.current(),
                    config.ftpData(), ftpTls, new SendBudget(config.sendBudget()));
            try {
                if (config.ftp() != null) {
                    ftpListener = Listener.start(config.ftp(), ftpSessions, executor, security.maxPerAddress());
                    log.info("FTP listening on {}:{}{}", ftpListener.address().getHostString(), ftpListener.port(),
                            security.tls() == null ? "" : security.requireTls() ? " (AUTH TLS required)" : " (AUTH TLS offered)");
                }
                if (security.ftps() != null) {
                    ftpsListener = Listener.start(security.ftps(), ftpSessions, executor, security.maxPerAddress(), ftpTls.identity());
                    log.info("implicit FTPS listening on {}:{}", ftpsListener.address().getHostString(), ftpsListener.port());
                }
            } catch (IOException e) {
                listener.close();
                if (ftpListener != null) ftpListener.close();
                ftpSessions.close();
                executor.shutdown();
                throw e;
            }
        }
        log.info("Ferry {} listening on {}:{}, serving {}, {} users from {}", Version.current(),
                listener.address().getHostString(), listener.port(), storage.describe(), users.users().size(), config.usersFile());
        users.warnPlainText(); // after binding: a server that cannot start says only why
        if (security.tls() != null) {
            try {
                log.info("TLS on port {}; certificate SHA-256 fingerprint {}", listener.port(), security.tls().fingerprint());
                if (security.tls().exportedCertificate() != null) {
                    log.info("self-signed certificate for clients (--ca, curl --cacert): {}", security.tls().exportedCertificate());
                }
            } catch (java.security.GeneralSecurityException e) {
                log.warn("cannot compute the certificate's fingerprint: {}", e.toString());
            }
        }
        return new Server(config, access, executor, sessions, listener, ftpSessions, ftpListener, ftpsListener);
    }

    public int port() {
        return listener.port();
    }

    /** The FTP port; -1 without FTP. */
    public int ftpPort() {
        return ftpListener == null ? -1 : ftpListener.port();
    }

    /** The implicit FTPS port; -1 without one. */
    public int ftpsPort() {
        return ftpsListener == null ? -1 : ftpsListener.port();
    }

    /** One line per connected client of either protocol, for the console's {@code status}. */
    public List<String> status() {
        List<String> lines = new ArrayList<>(sessions.describe());
        if (ftpSessions != null) lines.addAll(ftpSessions.describe());
        return lines;
    }

    public long transfersInFlight() {
        return sessions.transferring() + (ftpSessions == null ? 0 : ftpSessions.transferring());
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
                    status().size(), transfersInFlight(), Sessions.readable(config.grace()));
            listener.stopAccepting();
            if (ftpListener != null) ftpListener.stopAccepting();
            if (ftpsListener != null) ftpsListener.stopAccepting();
            sessions.shutdown();
            if (ftpSessions != null) ftpSessions.shutdown();
            executor.shutdown();
            if (!executor.awaitTermination(config.grace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("grace period over; closing {} connections", status().size());
            }
            listener.close();
            if (ftpListener != null) ftpListener.close();
            if (ftpsListener != null) ftpsListener.close();
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("sessions still running 5 s after their sockets were closed; interrupting them");
                executor.shutdownNow();
            }
            if (ftpSessions != null) ftpSessions.close();
            audit.close();
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
