package ferry.server.ftp;

import static ferry.server.ftp.FtpPaths.ftp;
import static ferry.server.ftp.FtpPaths.ftpPaths;
import static ferry.server.ftp.FtpPaths.path;
import static ferry.server.ftp.FtpPaths.quote;
import static ferry.server.ftp.FtpPaths.writable;

import ferry.protocol.Frame.Reply;
import ferry.server.command.Failures;
import ferry.server.command.Workspace;
import ferry.server.tls.ServerTls;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FTP control connection (RFC 959): greet, then read a command line, dispatch it, reply, until QUIT, too many
 * failed logins, the idle timeout or shutdown. Shares users, homes, permissions, storage and locks with the framed
 * protocol through {@link Workspace}: FTP's "/" is the user's home. Transfers are in {@link FtpTransfers}.
 * Its state stays on its own thread.
 */
final class FtpSession {
    private static final Logger log = LoggerFactory.getLogger(FtpSession.class);

    enum Kind { LIST, NLST, MLSD }

    @FunctionalInterface
    private interface Action {
        void run() throws IOException;
    }

    private final Socket socket;
    private final FtpSessions context;
    private final String peer;
    private final ControlChannel control;
    private final DataChannel data;
    private final FtpTransfers transfers;
    private final Protection protection;
    private final FtpLogin login;
    private final FtpFiles files;
    /** The control connection's TLS layer after AUTH TLS, or the socket itself on the implicit FTPS port. */
    private SSLSocket secure;
    /** The command lines, and who reads them (see there). */
    private final CommandLines commandLines;
    private volatile Workspace workspace;
    private volatile String activity = "idle";
    private String renameFrom;
    private boolean open = true;

    FtpSession(Socket socket, FtpSessions context) throws IOException {
        this.socket = socket;
        this.context = context;
        this.peer = socket.getRemoteSocketAddress().toString();
        this.control = new ControlChannel(socket);
        this.data = new DataChannel(socket, context.passivePorts(), context.passiveAddress(), context.idleTimeout());
        this.protection = new Protection(context.tls());
        this.transfers = new FtpTransfers(context.storage(), control, data, protection, context.sendBudget());
        this.commandLines = new CommandLines(socket, control, transfers, context, peer);
        this.login = new FtpLogin(context, control, protection, socket.getInetAddress(), peer);
        this.files = new FtpFiles(context, control);
    }

    void run() throws IOException {
        if (socket instanceof SSLSocket implicit && !handshake(implicit)) return;
        try (data) {
            control.reply(220, "Ferry " + context.version() + " FTP server ready");
            while (open && !context.isClosing()) {
                boolean loggedIn = workspace != null;
                Duration wait = loggedIn ? context.idleTimeout() : context.loginTimeout();
                String line = commandLines.next(wait, loggedIn);
                if (line == null) {
                    if (commandLines.claimTimeout()) control.reply(421, CommandLines.timeoutReply(wait, loggedIn));
                    return;
                }
                if (line == CommandLines.END) return;
                if (line == CommandLines.TOO_LONG) control.reply(500, "Command line too long");
                else handle(line);
            }
            if (open) control.reply(421, "Server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            commandLines.close();
            if (secure != null && secure != socket) closeTls();
        }
    }

    /** From the watchdog: see {@link CommandLines#closeIfSilent}. */
    void closeIfSilent(long nowNanos) {
        commandLines.closeIfSilent(nowNanos);
    }

    /** The implicit FTPS port's handshake, before the greeting; false (audited) if it failed. */
    private boolean handshake(SSLSocket tls) {
        try {
            ServerTls.handshake(tls, context.loginTimeout());
        } catch (IOException e) {
            tlsFailed(e.getMessage());
            return false;
        }
        secure = tls;
        commandLines.secured(tls);
        protection.secure(tls.getSession(), true);
        return true;
    }

    private void tlsFailed(String why) {
        log.info("conn={} TLS negotiation failed: {}", peer, why);
        context.access().audit().record("tls-failed", socket.getInetAddress().getHostAddress(), login.pendingUser(), why);
    }

    /** Ends TLS with a close_notify, so the client sees a clean end rather than a cut. */
    private void closeTls() {
        try {
            secure.close();
        } catch (IOException e) {
            log.debug("conn={} closing TLS: {}", peer, e.toString());
        }
    }

    private void handle(String line) throws IOException {
        int space = line.indexOf(' ');
        Optional<Verb> verb = Verb.of(space < 0 ? line : line.substring(0, space));
        if (verb.isEmpty()) {
            control.reply(502, "Command not implemented"); // RFC 959 5.4
            return;
        }
        Command command = new Command(verb.get(), space < 0 ? "" : line.substring(space + 1));
        log.debug("conn={} {}", peer, command);
        String from = renameFrom; // RNFR holds only until the next command (RFC 959 4.1.3)
        renameFrom = null;
        if (command.verb().needsLogin() && workspace == null) {
            control.reply(530, "Please log in with USER and PASS first");
        } else if (command.verb() == Verb.RNTO) {
            Workspace ws = workspace;
            act(ws, () -> files.rnto(ws, from, command.argument()));
        } else {
            activity = command.toString();
            try {
                dispatch(command, workspace);
            } finally {
                activity = "idle";
            }
        }
    }

    private void dispatch(Command command, Workspace ws) throws IOException {
        String arg = command.argument();
        switch (command.verb()) {
            case USER -> {
                workspace = null;
                login.user(arg);
            }
            case PASS -> open = login.pass(arg, loggedIn -> workspace = loggedIn);
            case ACCT -> control.reply(202, "No account needed");
            case QUIT -> quit();
            case REIN -> {
                workspace = null;
                login.reset();
                control.reply(220, "Ready for a new user");
            }
            case SYST -> control.reply(215, "UNIX Type: L8");
            case FEAT -> control.reply(211, "Features:", Features.list(files.hashAlgorithm(), protection.available()), "End");
            case AUTH -> auth(arg);
            case PBSZ -> control.reply(protection.pbsz(arg));
            case PROT -> control.reply(protection.prot(arg));
            case CCC -> control.reply(534, "CCC refused: the control connection stays encrypted"); // RFC 4217 12.3
            case OPTS -> {
                if (arg.toUpperCase(Locale.ROOT).startsWith("HASH")) files.optsHash(arg.substring(4).strip());
                else control.reply(Features.opts(arg), Features.optsText(arg));
            }
            case HELP -> control.reply(214, "Commands:", List.of(verbs()), "Help OK");
            case SITE -> {
                if (arg.strip().equalsIgnoreCase("HELP")) control.reply(214, "SITE commands:", List.of("HELP"), "Help OK");
                else control.reply(502, "SITE " + arg.strip() + " is not implemented; SITE HELP lists what is");
            }
            case NOOP -> control.reply(200, "NOOP ok");
            case STAT -> {
                if (arg.isEmpty()) status();
                else if (ws == null) control.reply(530, "Please log in with USER and PASS first");
                else act(ws, () -> files.stat(ws, arg));
            }
            case PWD, XPWD -> control.reply(257, quote(ftp(ws.pwd())) + " is the current directory");
            case CWD, XCWD -> act(ws, () -> files.cwd(ws, arg));
            case CDUP, XCUP -> act(ws, () -> files.cdup(ws));
            case MKD, XMKD -> act(ws, () -> files.mkd(ws, arg));
            case RMD, XRMD -> act(ws, () -> files.rmd(ws, arg));
            case DELE -> act(ws, () -> files.dele(ws, arg));
            case RNFR -> act(ws, () -> renameFrom = files.rnfr(ws, arg));
            case RNTO -> throw new IllegalStateException("handled before dispatch");
            case TYPE -> control.reply(transfers.type(arg) ? 200 : 504, "Type is " + transfers.typeName());
            case MODE -> control.reply(arg.equalsIgnoreCase("S") ? 200 : 504, "Only MODE S (stream) is supported");
            case STRU -> control.reply(arg.equalsIgnoreCase("F") ? 200 : 504, "Only STRU F (file) is supported");
            case ALLO -> control.reply(202, "No storage allocation needed");
            case PASV -> control.reply(data.passive(false));
            case EPSV -> {
                if (arg.strip().equalsIgnoreCase("ALL")) {
                    data.extendedOnly();
                    control.reply(200, "EPSV ALL: only EPSV from now on");
                } else {
                    control.reply(data.passive(true));
                }
            }
            case PORT -> control.reply(data.active(arg, false));
            case EPRT -> control.reply(data.active(arg, true));
            case REST -> transfers.restart(arg);
            case SIZE -> act(ws, () -> files.size(ws, arg));
            case MDTM -> act(ws, () -> files.mdtm(ws, arg));
            case MLST -> act(ws, () -> files.mlst(ws, arg));
            case LIST -> transfer(ws, () -> transfers.list(files.listed(ws, arg).entries(), ws, Kind.LIST));
            case NLST -> transfer(ws, () -> transfers.list(files.listed(ws, arg).entries(), ws, Kind.NLST));
            case MLSD -> transfer(ws, () -> transfers.list(files.listed(ws, arg).entries(), ws, Kind.MLSD));
            case RETR -> transfer(ws, () -> {
                String path = path(ws, arg);
                transfers.retrieve(ws, path, ftp(ws.display(path)));
            });
            case STOR -> transfer(ws, () -> {
                String path = writable(ws, arg);
                transfers.store(ws, path, "Ok to send data for " + ftp(ws.display(path)), true);
            });
            case STOU -> transfer(ws, () -> unique(ws, arg));
            case APPE -> transfer(ws, () -> transfers.append(ws, writable(ws, arg)));
            case ABOR -> control.reply(226, transfers.aborReply());
            case HASH -> act(ws, () -> files.hash(ws, arg));
            case XCRC -> act(ws, () -> files.xcrc(ws, arg));
        }
    }

    /**
     * AUTH TLS (RFC 4217 4): 234, then the TLS handshake on this connection; the login starts over. Bytes a client
     * sent after AUTH before the reply are never read as commands: a connection with such bytes is closed.
     */
    private void auth(String mechanism) throws IOException {
        try {
            String name = mechanism.strip().toUpperCase(Locale.ROOT);
            if (!protection.available()) {
                control.reply(502, "AUTH is not available: this server runs without --tls");
            } else if (!List.of("TLS", "TLS-C", "SSL", "TLS-P").contains(name)) {
                control.reply(504, "Unknown security mechanism; use AUTH TLS");
            } else if (protection.secured()) {
                control.reply(503, "Already using TLS");
            } else if (control.pending() > 0) {
                tlsFailed("commands sent after AUTH before its reply");
                control.reply(503, "Commands sent after AUTH before its reply; closing the connection");
                open = false;
            } else {
                control.reply(234, "AUTH " + name + " OK; starting TLS");
                startTls();
            }
        } finally {
            commandLines.authHandled();
        }
    }

    private void startTls() throws IOException {
        SSLSocket tls = context.tls().identity().wrap(socket, control.takePending());
        try {
            ServerTls.handshake(tls, context.loginTimeout());
        } catch (IOException e) {
            tlsFailed(e.getMessage());
            open = false;
            socket.close(); // the reader must not go on reading what was meant as TLS
            return;
        }
        control.use(tls);
        secure = tls;
        commandLines.secured(tls);
        protection.secure(tls.getSession(), false);
        workspace = null;
        login.reset();
        log.info("conn={} ftp control connection now uses {} {}", peer, tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
    }

    private void quit() throws IOException {
        control.reply(221, "Goodbye");
        open = false;
    }

    private void status() throws IOException {
        Workspace ws = workspace;
        List<String> lines = new ArrayList<>(List.of(
                "Connected from " + socket.getInetAddress().getHostAddress(),
                ws == null ? "Not logged in" : "Logged in as " + ws.user().name(),
                "TYPE: " + transfers.typeName() + ", STRU: File, MODE: Stream"));
        lines.addAll(protection.describe());
        control.reply(211, "Ferry FTP server status:", lines, "End of status");
    }

    /** STOU: stores under a name no file has, never replacing one (RFC 1123 4.1.2.9 for the 150 reply). */
    private void unique(Workspace ws, String argument) throws IOException {
        String base = argument.isEmpty() ? "ferry" : argument;
        for (int i = 0; i < 1000; i++) {
            String path = writable(ws, i == 0 && !argument.isEmpty() ? base : base + "." + i);
            try {
                transfers.store(ws, path, "FILE: " + ftp(ws.display(path)), false);
                return;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                // try the next name; nothing was sent yet
            }
        }
        control.reply(553, "No unique name found");
    }

    /**
     * A command that uses a data connection: an action whose REST, if any, is used up however it ends, and during
     * which ABOR must be heard (see {@link CommandLines}).
     */
    private void transfer(Workspace ws, Action action) throws IOException {
        boolean unwatched = commandLines.transferStarts();
        try {
            act(ws, action);
        } finally {
            transfers.forgetRestart();
            commandLines.transferEnded(unwatched);
        }
    }

    /** Runs a file action; a storage failure becomes the reply FTP clients expect (RFC 959 5.4). */
    private void act(Workspace ws, Action action) throws IOException {
        try {
            action.run();
        } catch (IOException e) {
            if (!socket.isClosed() && !(e instanceof java.net.SocketException)) {
                Reply reply = Failures.reply(e, ws);
                control.reply(FtpCodes.of(reply.status()), ftpPaths(reply.message()));
            } else {
                throw e;
            }
        }
    }

    private static String[] verbs() {
        StringBuilder line = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (Verb verb : Verb.values()) {
            line.append(String.format(Locale.ROOT, "%-5s", verb.name()));
            if (line.length() > 60) {
                lines.add(line.toString().strip());
                line.setLength(0);
            }
        }
        if (!line.isEmpty()) lines.add(line.toString().strip());
        return lines.toArray(String[]::new);
    }

    /** Ends the session at shutdown: says 421 and closes the socket if idle; a transfer in flight finishes first. */
    void shutdown() {
        if (!activity.equals("idle")) return;
        try {
            control.reply(421, "Server shutting down");
            socket.close();
        } catch (IOException e) {
            log.debug("conn={} close failed: {}", peer, e.toString());
        }
    }

    /** From the watchdog: cuts the data connection of a download whose client read nothing for {@code limit}. */
    void closeIfStalled(Duration limit) {
        transfers.closeIfStalled(limit);
    }

    String describe() {
        Workspace ws = workspace;
        return "conn=%s ftp user=%s %s".formatted(peer, ws == null ? "-" : ws.user().name(), activity);
    }

    boolean isTransferring() {
        String now = activity;
        return now.startsWith("RETR") || now.startsWith("STOR") || now.startsWith("APPE") || now.startsWith("STOU");
    }

    String peer() {
        return peer;
    }
}
