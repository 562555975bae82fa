package ferry.server.ftp;

import ferry.protocol.Checksums;
import ferry.protocol.Frame.Reply;
import ferry.protocol.Text;
import ferry.server.command.Failures;
import ferry.server.auth.Access;
import ferry.server.command.Workspace;
import ferry.server.storage.BadPathException;
import ferry.server.storage.Download;
import ferry.server.storage.Entry;
import ferry.server.tls.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    private static final int MAX_LOGIN_FAILURES = 3;

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
    /** The control connection's TLS layer after AUTH TLS, or the socket itself on the implicit FTPS port. */
    private SSLSocket secure;
    /** The command lines, and who reads them (see there). */
    private final CommandLines commandLines;
    private volatile Workspace workspace;
    private volatile String activity = "idle";
    private String pendingUser;
    private String renameFrom;
    private String hashAlgorithm = "SHA-256";
    private int loginFailures;
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
        context.access().audit().record("tls-failed", socket.getInetAddress().getHostAddress(), pendingUser, why);
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
            renameTo(command.argument(), from);
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
            case USER -> user(arg);
            case PASS -> pass(arg);
            case ACCT -> control.reply(202, "No account needed");
            case QUIT -> quit();
            case REIN -> {
                workspace = null;
                pendingUser = null;
                control.reply(220, "Ready for a new user");
            }
            case SYST -> control.reply(215, "UNIX Type: L8");
            case FEAT -> control.reply(211, "Features:", Features.list(hashAlgorithm, protection.available()), "End");
            case AUTH -> auth(arg);
            case PBSZ -> reply(protection.pbsz(arg));
            case PROT -> reply(protection.prot(arg));
            case CCC -> control.reply(534, "CCC refused: the control connection stays encrypted"); // RFC 4217 12.3
            case OPTS -> {
                if (arg.toUpperCase(Locale.ROOT).startsWith("HASH")) optsHash(arg.substring(4).strip());
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
                else act(ws, () -> statPath(ws, arg));
            }
            case PWD, XPWD -> control.reply(257, quote(ftp(ws.pwd())) + " is the current directory");
            case CWD, XCWD -> act(ws, () -> control.reply(250, "Directory changed to " + ftp(ws.cd(home(ws, arg), context.storage()))));
            case CDUP, XCUP -> act(ws, () -> control.reply(200, "Directory changed to " + ftp(cdUp(ws)))); // RFC 959 4.2.1
            case MKD, XMKD -> act(ws, () -> {
                context.edits().mkdir(ws, home(ws, arg));
                control.reply(257, quote(ftp(ws.display(path(ws, arg)))) + " created");
            });
            case RMD, XRMD -> act(ws, () -> {
                context.edits().rmdir(ws, home(ws, arg), false);
                control.reply(250, "Directory removed");
            });
            case DELE -> act(ws, () -> {
                context.edits().delete(ws, home(ws, arg));
                control.reply(250, "File deleted");
            });
            case RNFR -> act(ws, () -> {
                context.storage().stat(writable(ws, arg)); // 550 now for a missing source, as clients expect
                renameFrom = home(ws, arg);
                control.reply(350, "Ready for RNTO");
            });
            case RNTO -> throw new IllegalStateException("handled before dispatch");
            case TYPE -> control.reply(transfers.type(arg) ? 200 : 504, "Type is " + transfers.typeName());
            case MODE -> control.reply(arg.equalsIgnoreCase("S") ? 200 : 504, "Only MODE S (stream) is supported");
            case STRU -> control.reply(arg.equalsIgnoreCase("F") ? 200 : 504, "Only STRU F (file) is supported");
            case ALLO -> control.reply(202, "No storage allocation needed");
            case PASV -> passive(false);
            case EPSV -> {
                if (arg.strip().equalsIgnoreCase("ALL")) {
                    data.extendedOnly();
                    control.reply(200, "EPSV ALL: only EPSV from now on");
                } else {
                    passive(true);
                }
            }
            case PORT -> active(arg, false);
            case EPRT -> active(arg, true);
            case REST -> transfers.restart(arg);
            case SIZE -> act(ws, () -> control.reply(213, Long.toString(file(ws, arg).size())));
            case MDTM -> act(ws, () -> control.reply(213, ListFormat.timeVal(context.storage().stat(path(ws, arg)).modified())));
            case MLST -> act(ws, () -> mlst(ws, arg));
            case LIST -> transfer(ws, () -> list(ws, arg, Kind.LIST));
            case NLST -> transfer(ws, () -> list(ws, arg, Kind.NLST));
            case MLSD -> transfer(ws, () -> list(ws, arg, Kind.MLSD));
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
            case HASH -> act(ws, () -> hash(ws, arg));
            case XCRC -> act(ws, () -> xcrc(ws, arg));
        }
    }

    /** OPTS HASH [ALGORITHM] (draft-bryan-ftpext-hash 3.2): shows or chooses the algorithm HASH uses. */
    private void optsHash(String algorithm) throws IOException {
        if (algorithm.isEmpty()) {
            control.reply(200, hashAlgorithm);
        } else if (Checksums.ALGORITHMS.contains(algorithm.toUpperCase(Locale.ROOT))) {
            hashAlgorithm = algorithm.toUpperCase(Locale.ROOT);
            control.reply(200, hashAlgorithm);
        } else {
            control.reply(504, "Unknown algorithm; choose one of " + String.join(", ", Checksums.ALGORITHMS));
        }
    }

    /** HASH path: {@code 213 SHA-256 0-last hex path}, the same checksum code as the framed STAT. */
    private void hash(Workspace ws, String argument) throws IOException {
        String path = path(ws, argument);
        try (Download download = context.storage().openRead(path)) {
            String hex = Checksums.hex(download.content(), hashAlgorithm);
            long last = Math.max(0, download.size() - 1);
            control.reply(213, "%s 0-%d %s %s".formatted(hashAlgorithm, last, hex, argument));
        }
    }

    /** XCRC path: {@code 250 CRC32} of the whole file, in upper-case hex, as the servers that invented it answer. */
    private void xcrc(Workspace ws, String argument) throws IOException {
        String name = argument.startsWith("\"") && argument.indexOf('"', 1) > 0
                ? argument.substring(1, argument.indexOf('"', 1)) : argument;
        try (Download download = context.storage().openRead(path(ws, name))) {
            control.reply(250, Checksums.hex(download.content(), "CRC32").toUpperCase(Locale.ROOT));
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
        pendingUser = null;
        log.info("conn={} ftp control connection now uses {} {}", peer, tls.getSession().getProtocol(), tls.getSession().getCipherSuite());
    }

    private void reply(Protection.Reply reply) throws IOException {
        control.reply(reply.code(), reply.text());
    }

    private void user(String name) throws IOException {
        workspace = null;
        if (refusedBeforeTls(name)) return;
        pendingUser = name;
        control.reply(331, "Password required for " + name);
    }

    /** Under --require-tls, USER and PASS before AUTH TLS get 530 and are audited. */
    private boolean refusedBeforeTls(String name) throws IOException {
        if (!protection.refusesLogin()) return false;
        context.access().audit().record("login-refused", socket.getInetAddress().getHostAddress(), name, "login before TLS");
        control.reply(530, "This server requires TLS: send AUTH TLS before logging in");
        return true;
    }

    private void pass(String password) throws IOException {
        if (refusedBeforeTls(pendingUser)) return;
        if (pendingUser == null) {
            control.reply(503, "Send USER first");
            return;
        }
        String name = pendingUser;
        pendingUser = null;
        Access access = context.access();
        InetAddress address = socket.getInetAddress();
        Duration locked = access.guard().lockedFor(address);
        if (!locked.isZero()) {
            access.audit().record("login-refused", address.getHostAddress(), name, "address locked out");
            control.reply(421, "Too many failed logins from your address; try again in " + Math.max(1, locked.toSeconds()) + " s");
            open = false;
            return;
        }
        var user = access.users().authenticate(name, password);
        if (user.isEmpty()) {
            access.guard().failed(address, name); // waits the back-off
            loginFailures++;
            log.info("conn={} ftp login failed for user={} ({} of {})", peer, Text.printable(name), loginFailures, MAX_LOGIN_FAILURES);
            if (loginFailures >= MAX_LOGIN_FAILURES) {
                control.reply(421, "Too many failed logins; closing the connection");
                open = false;
            } else {
                control.reply(530, "Login incorrect");
            }
            return;
        }
        access.guard().succeeded(address);
        try {
            workspace = Workspace.open(user.get(), context.storage(), access.audit(), address.getHostAddress());
        } catch (IOException e) {
            log.error("conn={} user={} cannot use home folder: {}", peer, name, e.toString());
            control.reply(421, "Your home folder is not available; ask the administrator");
            open = false;
            return;
        }
        log.info("conn={} user={} logged in over FTP ({})", peer, name, user.get().permission().word());
        control.reply(230, "User " + name + " logged in");
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

    /** The path of a LIST-like argument without the ls options (such as -la) that many clients send before it. */
    private static String withoutOptions(String argument) {
        String arg = argument;
        while (arg.startsWith("-")) {
            int space = arg.indexOf(' ');
            arg = space < 0 ? "" : arg.substring(space + 1).stripLeading();
        }
        return arg;
    }

    /** STAT path (RFC 959 4.1.3): the listing over the control connection, 213 (or 212 for a folder). */
    private void statPath(Workspace ws, String argument) throws IOException {
        if (ws == null) {
            control.reply(530, "Please log in with USER and PASS first");
            return;
        }
        Listed listed = listed(ws, argument);
        java.time.Instant now = java.time.Instant.now();
        control.reply(listed.folder() ? 212 : 213, "Status of " + argument + ":",
                listed.entries().stream().map(e -> ListFormat.ls(e, now)).toList(), "End of status");
    }

    private void passive(boolean extended) throws IOException {
        try {
            if (!extended) data.checkNotExtendedOnly("PASV");
        } catch (IOException e) {
            control.reply(503, e.getMessage()); // RFC 2428 4
            return;
        }
        try {
            control.reply(extended ? 229 : 227, extended ? data.epsv() : data.pasv());
        } catch (IOException e) {
            control.reply(425, "Cannot open passive connection: " + e.getMessage());
        }
    }

    private void active(String argument, boolean extended) throws IOException {
        InetSocketAddress target;
        try {
            target = extended ? Addresses.eprt(argument) : Addresses.port(argument);
        } catch (IllegalArgumentException e) {
            control.reply(501, e.getMessage());
            return;
        }
        try {
            data.checkNotExtendedOnly(extended ? "EPRT" : "PORT");
        } catch (IOException e) {
            control.reply(503, e.getMessage()); // RFC 2428 4
            return;
        }
        try {
            data.connectTo(target);
            control.reply(200, (extended ? "EPRT" : "PORT") + " command successful");
        } catch (SecurityException e) {
            log.info("conn={} refused {} to {}: {}", peer, extended ? "EPRT" : "PORT", target, e.getMessage());
            control.reply(504, "Refused: " + e.getMessage()); // RFC 2577: no FTP bounce
        }
    }

    private void renameTo(String argument, String from) throws IOException {
        Workspace ws = workspace;
        if (from == null) {
            control.reply(503, "Send RNFR first");
            return;
        }
        act(ws, () -> {
            context.edits().rename(ws, from, home(ws, argument));
            control.reply(250, "Rename successful");
        });
    }

    /** What LIST, NLST, MLSD and STAT show for an argument: a folder's entries, or the one file it names. */
    private record Listed(boolean folder, List<Entry> entries) {}

    private Listed listed(Workspace ws, String argument) throws IOException {
        String arg = withoutOptions(argument);
        String path = arg.isEmpty() ? ws.current() : path(ws, arg);
        Entry entry = context.storage().stat(path);
        return entry.directory() ? new Listed(true, context.storage().list(path)) : new Listed(false, List.of(entry));
    }

    private void list(Workspace ws, String argument, Kind kind) throws IOException {
        transfers.list(listed(ws, argument).entries(), ws, kind);
    }

    private void mlst(Workspace ws, String argument) throws IOException {
        String path = argument.isEmpty() ? ws.current() : path(ws, argument);
        Entry entry = context.storage().stat(path);
        control.reply(250, "Listing " + ftp(ws.display(path)), List.of(ListFormat.facts(entry, ftp(ws.display(path)), ws.user().permission())), "End");
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

    /** CDUP at the top stays at the top, as FTP clients expect of "/". */
    private String cdUp(Workspace ws) throws IOException {
        return ws.pwd().equals("~") ? ws.pwd() : ws.cd("..", context.storage());
    }

    private Entry file(Workspace ws, String argument) throws IOException {
        Entry entry = context.storage().stat(path(ws, argument));
        if (entry.directory()) throw BadPathException.asTyped(argument, "is a folder");
        return entry;
    }

    /** A storage reply's text with its paths as FTP shows them: "/" for the home, not "~". */
    static String ftpPaths(String message) {
        return message.replace("~/", "/").replace(": ~", ": /");
    }

    /**
     * A command that uses a data connection: an action whose REST, if any, is used up however it ends, and during
     * which ABOR must be heard (see {@link Reading}).
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

    /** The storage path of an FTP path: "/" is the home; ".." goes up and stops at "/" (RFC 959 paths, TVFS). */
    private static String path(Workspace ws, String ftpPath) throws IOException {
        return ws.resolve(home(ws, ftpPath));
    }

    private static String writable(Workspace ws, String ftpPath) throws IOException {
        ws.requireWrite(ftpPath);
        return path(ws, ftpPath);
    }

    /** An FTP path as a workspace path from the home ("~/..."), with "." and ".." folded. */
    private static String home(Workspace ws, String ftpPath) {
        List<String> names = new ArrayList<>();
        if (!ftpPath.startsWith("/")) {
            for (String name : ftp(ws.pwd()).split("/")) if (!name.isEmpty()) names.add(name);
        }
        for (String name : ftpPath.split("/")) {
            if (name.isEmpty() || name.equals(".")) continue;
            if (name.equals("..")) {
                if (!names.isEmpty()) names.removeLast();
            } else {
                names.add(name);
            }
        }
        return names.isEmpty() ? "~" : "~/" + String.join("/", names);
    }

    /** A workspace path as FTP shows it: "~" is "/", "~/a" is "/a". */
    private static String ftp(String display) {
        return display.equals("~") ? "/" : display.startsWith("~/") ? display.substring(1) : display;
    }

    /** RFC 959 appendix II: a quoted path doubles the quotes inside it. */
    private static String quote(String path) {
        return '"' + path.replace("\"", "\"\"") + '"';
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
