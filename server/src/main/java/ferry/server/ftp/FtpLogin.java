package ferry.server.ftp;

import ferry.protocol.Text;
import ferry.server.auth.Access;
import ferry.server.command.Workspace;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USER and PASS of one control connection: the user named, the failures so far, the address's lock-out and
 * {@code --require-tls}. Shares {@link Access} (users, back-off, audit) with the framed protocol. Used by the
 * session's thread only.
 */
final class FtpLogin {
    private static final Logger log = LoggerFactory.getLogger(FtpLogin.class);
    private static final int MAX_LOGIN_FAILURES = 3;


    private final FtpSessions context;
    private final ControlChannel control;
    private final Protection protection;
    private final InetAddress address;
    private final String peer;
    private String pendingUser;
    private int failures;

    FtpLogin(FtpSessions context, ControlChannel control, Protection protection, InetAddress address, String peer) {
        this.context = context;
        this.control = control;
        this.protection = protection;
        this.address = address;
        this.peer = peer;
    }

    /** USER: remembers the name for PASS. */
    void user(String name) throws IOException {
        if (refusedBeforeTls(name)) return;
        pendingUser = name;
        control.reply(331, "Password required for " + name);
    }

    /**
     * PASS: checks the password of the user USER named, and answers 230, 530, 503 or 421. A user who logs in is
     * handed to {@code loggedIn} before the 230, so that whoever reads the session sees them once the client does.
     * Returns false when the connection should close (after a 421).
     */
    boolean pass(String password, Consumer<Workspace> loggedIn) throws IOException {
        if (refusedBeforeTls(pendingUser)) return true;
        if (pendingUser == null) {
            control.reply(503, "Send USER first");
            return true;
        }
        String name = pendingUser;
        pendingUser = null;
        Access access = context.access();
        Duration locked = access.guard().lockedFor(address);
        if (!locked.isZero()) {
            access.audit().record("login-refused", address.getHostAddress(), name, "address locked out");
            control.reply(421, "Too many failed logins from your address; try again in " + Math.max(1, locked.toSeconds()) + " s");
            return false;
        }
        var user = access.users().authenticate(name, password);
        if (user.isEmpty()) {
            access.guard().failed(address, name); // waits the back-off
            failures++;
            log.info("conn={} ftp login failed for user={} ({} of {})", peer, Text.printable(name), failures, MAX_LOGIN_FAILURES);
            if (failures >= MAX_LOGIN_FAILURES) {
                control.reply(421, "Too many failed logins; closing the connection");
                return false;
            }
            control.reply(530, "Login incorrect");
            return true;
        }
        access.guard().succeeded(address);
        try {
            loggedIn.accept(Workspace.open(user.get(), context.storage(), access.audit(), address.getHostAddress()));
        } catch (IOException e) {
            log.error("conn={} user={} cannot use home folder: {}", peer, name, e.toString());
            control.reply(421, "Your home folder is not available; ask the administrator");
            return false;
        }
        log.info("conn={} user={} logged in over FTP ({})", peer, name, user.get().permission().word());
        control.reply(230, "User " + name + " logged in");
        return true;
    }

    /** REIN and AUTH TLS: the login starts over (the failures so far still count). */
    void reset() {
        pendingUser = null;
    }

    /** The name USER gave and PASS has not yet used, for the audit log; null if none. */
    String pendingUser() {
        return pendingUser;
    }

    /** Under --require-tls, USER and PASS before AUTH TLS get 530 and are audited. */
    private boolean refusedBeforeTls(String name) throws IOException {
        if (!protection.refusesLogin()) return false;
        context.access().audit().record("login-refused", address.getHostAddress(), name, "login before TLS");
        control.reply(530, "This server requires TLS: send AUTH TLS before logging in");
        return true;
    }
}
