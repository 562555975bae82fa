package ferry.server.session;

import ferry.protocol.Frame;
import ferry.protocol.Frame.Bye;
import ferry.protocol.Frame.Cd;
import ferry.protocol.Frame.Delete;
import ferry.protocol.Frame.Get;
import ferry.protocol.Frame.Hello;
import ferry.protocol.Frame.List;
import ferry.protocol.Frame.Login;
import ferry.protocol.Frame.Mkdir;
import ferry.protocol.Frame.Pwd;
import ferry.protocol.Frame.Quit;
import ferry.protocol.Frame.Rename;
import ferry.protocol.Frame.Reply;
import ferry.protocol.Frame.Request;
import ferry.protocol.Frame.Rmdir;
import ferry.protocol.Frame.Stat;
import ferry.protocol.Frame.Upload;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.ProtocolException;
import ferry.protocol.Status;
import ferry.protocol.Text;
import ferry.protocol.Wire;
import ferry.server.auth.Access;
import ferry.server.auth.User;
import ferry.server.command.Failures;
import ferry.server.command.Workspace;
import ferry.server.transport.StallGuard;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: the version handshake, then read a request, dispatch it, reply, until QUIT, a protocol
 * error, the idle timeout or shutdown. Its state stays on its own thread; the only other thread that touches it is
 * the one calling {@link #shutdown()}, which writes BYE under {@code busy} only while no request is being handled.
 */
final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    private static final int MAX_LOGIN_FAILURES = 3;

    private final Socket socket;
    private final Sessions context;
    private final String peer;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final StallGuard output;
    /** Held while a request is handled, so that shutdown waits for a transfer instead of cutting it. */
    private final ReentrantLock busy = new ReentrantLock();
    private volatile boolean closing;
    private volatile Workspace workspace;
    private volatile String activity = "idle";
    private volatile boolean byeSent;
    private int loginFailures;

    Session(Socket socket, Sessions context) throws IOException {
        this.socket = socket;
        this.context = context;
        this.peer = socket.getRemoteSocketAddress().toString();
        this.reader = new FrameReader(socket.getInputStream());
        this.output = StallGuard.of(socket);
        this.writer = new FrameWriter(output);
    }

    void run() throws IOException {
        try {
            if (!handshake()) return;
            boolean open = true;
            while (open && !closing) {
                Frame frame = readRequest();
                if (frame == null) return;
                busy.lock();
                try {
                    open = !closing && dispatch(frame);
                } finally {
                    busy.unlock();
                }
            }
            if (closing) underLock(() -> bye("server shutting down"));
        } catch (ProtocolException e) {
            log.info("conn={} protocol error: {}", peer, e.getMessage());
            underLock(() -> writer.write(new Reply(Status.BAD_REQUEST, Text.cut(e.getMessage(), 1000))));
        }
    }

    /** Writes that may race with {@link #shutdown()}'s BYE from another thread go under {@code busy}. */
    private void underLock(IoAction action) throws IOException {
        busy.lock();
        try {
            action.run();
        } finally {
            busy.unlock();
        }
    }

    private boolean handshake() throws IOException {
        Frame frame = readRequest();
        if (frame == null) return false;
        if (!(frame instanceof Hello(int version))) {
            throw new ProtocolException("expected HELLO, got " + frame.getClass().getSimpleName());
        }
        if (version != Wire.VERSION) {
            underLock(() -> writer.write(new Reply(Status.UNSUPPORTED_VERSION,
                    "this server speaks protocol version " + Wire.VERSION + ", not " + version)));
            return false;
        }
        underLock(() -> writer.write(new Frame.Welcome(Wire.VERSION, "Ferry " + context.version())));
        return true;
    }

    /** The next frame, or null when the client stayed silent past the idle timeout (it is told so first). */
    private Frame readRequest() throws IOException {
        try {
            return reader.read();
        } catch (SocketTimeoutException e) {
            busy.lock();
            try {
                bye("idle for " + Sessions.readable(Duration.ofMillis(socket.getSoTimeout())));
            } finally {
                busy.unlock();
            }
            return null;
        }
    }

    /** Handles one request; false when the connection should close. */
    private boolean dispatch(Frame frame) throws IOException {
        if (!(frame instanceof Request request)) {
            throw new ProtocolException("expected a request, got " + frame.getClass().getSimpleName());
        }
        Workspace ws = workspace;
        switch (request) {
            case Login(var name, var password) -> { return login(name, password); }
            case Quit() -> {
                writer.write(new Reply(Status.OK, "goodbye"));
                return false;
            }
            case Request r when ws == null -> writer.write(new Reply(Status.NOT_LOGGED_IN, "log in first"));
            case Get get -> track("get " + get.path(), () -> context.transfers().send(ws, get, writer));
            case Upload upload -> track("upload " + upload.path(), () -> context.transfers().receive(ws, upload, reader, writer));
            case List(var path) -> context.listing().send(ws, path, writer);
            case Stat(var path) -> track("stat " + path, () -> context.listing().stat(ws, path, writer));
            case Cd(var path) -> writer.write(cd(ws, path));
            case Pwd() -> writer.write(new Reply(Status.OK, ws.pwd()));
            case Delete(var path) -> context.edits().delete(ws, path, writer);
            case Rename(var from, var to) -> context.edits().rename(ws, from, to, writer);
            case Mkdir(var path) -> context.edits().mkdir(ws, path, writer);
            case Rmdir(var path, var recursive) -> context.edits().rmdir(ws, path, recursive, writer);
        }
        return true;
    }

    private Reply cd(Workspace ws, String path) {
        try {
            return new Reply(Status.OK, ws.cd(path, context.storage()));
        } catch (IOException e) {
            return Failures.reply(e, ws);
        }
    }

    private boolean login(String name, String password) throws IOException {
        if (workspace != null) {
            writer.write(new Reply(Status.BAD_REQUEST, "already logged in as " + workspace.user().name()));
            return true;
        }
        Access access = context.access();
        Duration locked = access.guard().lockedFor(socket.getInetAddress());
        if (!locked.isZero()) {
            access.audit().record("login-refused", socket.getInetAddress().getHostAddress(), name, "address locked out");
            writer.write(new Reply(Status.LOGIN_FAILED, "too many failed logins from your address; try again in "
                    + Math.max(1, locked.toSeconds()) + " s"));
            return false;
        }
        var found = access.users().authenticate(name, password);
        if (found.isEmpty()) {
            access.guard().failed(socket.getInetAddress(), name); // waits the back-off
            loginFailures++;
            log.info("conn={} login failed for user={} ({} of {})", peer, Text.printable(name), loginFailures, MAX_LOGIN_FAILURES);
            writer.write(new Reply(Status.LOGIN_FAILED, "wrong user name or password"));
            return loginFailures < MAX_LOGIN_FAILURES;
        }
        access.guard().succeeded(socket.getInetAddress());
        User user = found.get();
        try {
            workspace = Workspace.open(user, context.storage(), access.audit(), socket.getInetAddress().getHostAddress());
        } catch (IOException e) {
            log.error("conn={} user={} cannot use home folder {}: {}", peer, name, user.home(), e.toString());
            writer.write(new Reply(Status.SERVER_ERROR, "your home folder is not available; ask the administrator"));
            return true;
        }
        log.info("conn={} user={} logged in ({}, home {})", peer, name, user.permission().word(),
                user.home().isEmpty() ? "/" : user.home());
        writer.write(new Reply(Status.OK, "welcome, " + name));
        return true;
    }

    private void track(String what, IoAction action) throws IOException {
        activity = what;
        try {
            action.run();
        } finally {
            activity = "idle";
        }
    }

    /** Asks the session to end: at once when idle, after the request in hand otherwise. Any thread. */
    void shutdown() {
        closing = true;
        if (!busy.tryLock()) return; // handling a request: run() says goodbye when it is done
        try {
            bye("server shutting down");
            socket.close();
        } catch (IOException e) {
            log.debug("conn={} close failed: {}", peer, e.toString());
        } finally {
            busy.unlock();
        }
    }

    /** Sends BYE once; the caller holds {@code busy}. */
    private void bye(String reason) throws IOException {
        if (byeSent || socket.isClosed()) return;
        byeSent = true;
        writer.write(new Bye(reason));
    }

    String describe() {
        Workspace current = workspace;
        return "conn=%s user=%s %s".formatted(peer, current == null ? "-" : current.user().name(), activity);
    }

    boolean isTransferring() {
        return !"idle".equals(activity);
    }

    String peer() {
        return peer;
    }

    /** Closes the connection if a write to the client has been blocked longer than {@code limit}; true if it did. */
    boolean closeIfStalled(Duration limit) {
        if (output.stalledNanos() <= limit.toNanos()) return false;
        log.info("conn={} closed: the client read nothing for {}", peer, Sessions.readable(limit));
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("conn={} close failed: {}", peer, e.toString());
        }
        return true;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
