package ferry.server;

import ferry.protocol.Version;
import ferry.server.auth.UsersFileException;
import ferry.server.ftp.FtpSessions;
import ferry.server.tls.ServerTls;
import ferry.server.transport.SendBudget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftpserver [OPTIONS] [PORT]}: starts a server, runs its console, and exits 0 after a clean shutdown. */
@Command(name = "ftpserver", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        subcommands = UserCommand.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Serves files over Ferry's framed protocol.",
                "Type 'help' on the console for its commands; 'shutdown' (or SIGINT/SIGTERM) stops the server cleanly."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:failed while running", "2:bad option, port in use, unreadable users file or root"})
public final class Main implements Callable<Integer> {
    private static final Set<String> LOG_LEVELS = Set.of("error", "warn", "info", "debug");
    static final int USAGE = 2;

    @Parameters(index = "0", arity = "0..1", defaultValue = "5106", paramLabel = "PORT",
            description = "TCP port to listen on, 0-65535 (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = "testfiles",
            description = "Folder to serve. Default: ${DEFAULT-VALUE} (relative to the working directory).")
    Path root;

    @Option(names = "--users", paramLabel = "FILE", defaultValue = "users.txt",
            description = "Accounts file: one 'name [home=DIR] [perm=ro|rw|admin]:password' per line. Default: ${DEFAULT-VALUE}.")
    Path users;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on; 0.0.0.0 or :: for every interface. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "1000",
            description = "Connections served at once; more are told 'too many clients'. Default: ${DEFAULT-VALUE}.")
    int maxClients;

    @Option(names = "--grace", paramLabel = "SECONDS", defaultValue = "30",
            description = "On shutdown, how long transfers in flight may take to finish. Default: ${DEFAULT-VALUE}.")
    int graceSeconds;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Close connections silent for this long. Default: ${DEFAULT-VALUE}.")
    int idleSeconds;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long an operation waits for a file another client is using before it fails as busy. Default: ${DEFAULT-VALUE}.")
    int lockSeconds;

    @Option(names = "--ftp-port", paramLabel = "N",
            description = "Also serve standard FTP (RFC 959) on this port, on the --bind address. Off unless given.")
    Integer ftpPort;

    @Option(names = "--passive-ports", paramLabel = "LO-HI",
            description = "Ports for FTP passive data connections, e.g. 50000-50100. Default: a free port chosen at random from 49152-65535.")
    String passivePorts;

    @Option(names = "--passive-address", paramLabel = "ADDR",
            description = "Address FTP's PASV tells clients to connect to (behind NAT). Default: the one they reached.")
    String passiveAddress;

    @Option(names = "--max-login-failures", paramLabel = "N", defaultValue = "5",
            description = "Failed logins in a row from one address before it is locked out. Default: ${DEFAULT-VALUE}.")
    int maxLoginFailures;

    @Option(names = "--lockout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long a locked-out address must wait. Default: ${DEFAULT-VALUE}.")
    int lockoutSeconds;

    @Option(names = "--max-per-address", paramLabel = "N", defaultValue = "64",
            description = "Connections served at once from one address, per protocol. Default: ${DEFAULT-VALUE}.")
    int maxPerAddress;

    @Option(names = "--audit-log", paramLabel = "FILE", defaultValue = "audit.log",
            description = "Where security events (failed logins, lock-outs, refused paths) are appended. Default: ${DEFAULT-VALUE}.")
    Path auditLog;

    @Option(names = "--tls", description = "Speak TLS on the framed port and offer FTPS (AUTH TLS) on the FTP port. Without"
            + " --cert/--key, a self-signed certificate is made on first start and kept beside the users file"
            + " (ferry-tls.p12); its fingerprint is logged.")
    boolean tls;

    @Option(names = "--require-tls", description = "Refuse FTP logins before AUTH TLS, and FTP data in the clear (PROT C)."
            + " The framed port speaks only TLS under --tls anyway. Needs --tls.")
    boolean requireTls;

    @Option(names = "--tls-reuse", paramLabel = "required|optional", defaultValue = "required",
            description = "Whether an FTPS data connection must resume the control connection's TLS session, proof that it"
                    + " comes from the logged-in client (vsftpd's require_ssl_reuse). 'optional' serves clients that cannot"
                    + " reuse sessions, such as Python's ftplib and Apache Commons Net. Default: ${DEFAULT-VALUE}.")
    String tlsReuse;

    @Option(names = "--ftps-tls13", description = "Let FTPS negotiate TLS 1.3, not only 1.2. Off by default: a TLS 1.3 server"
            + " sends a session ticket on every data connection, and clients that never read from an upload's data"
            + " connection (curl 7.x with OpenSSL) then reset it at close, which can cut the upload.")
    boolean ftpsTls13;

    @Option(names = "--ftps-port", paramLabel = "N",
            description = "Also serve implicit FTPS (TLS from the first byte, data protected by default) on this port. Needs --tls.")
    Integer ftpsPort;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate chain for --tls (e.g. Let's Encrypt's fullchain.pem).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "PEM (PKCS#8) private key for --tls (e.g. privkey.pem).")
    Path key;

    @Option(names = "--send-budget", paramLabel = "KIB", defaultValue = "2048",
            description = "Kernel send buffer shared by the FTP port's downloads to clients on this machine: alone, a"
                    + " download keeps the kernel's sizing; several at once share this many KiB (at least 64 each)."
                    + " Downloads to other machines are left to the kernel. 0: off. Default: ${DEFAULT-VALUE}.")
    int sendBudgetKib;

    @Option(names = {"-v", "--verbose"}, description = "Log connections' protocol errors and more (DEBUG).")
    boolean verbose;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "error, warn (problems only: no line per connection, login and transfer), info or debug"
                    + " (as --verbose). Default: info.")
    String logLevel;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String problem = checkOptions();
        if (problem != null) {
            err.println("ftpserver: " + problem);
            return USAGE;
        }
        // Before the first logger is made; without either option, simplelogger.properties (info) or -D decides.
        String level = verbose ? "debug" : logLevel == null ? null : logLevel.toLowerCase(Locale.ROOT);
        if (level != null) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        Server server;
        try {
            server = Server.start(config());
        } catch (BindException e) {
            err.println("ftpserver: cannot listen on " + bind + ":" + port + ": " + e.getMessage().toLowerCase());
            return USAGE;
        } catch (UnknownHostException e) {
            err.println("ftpserver: unknown address: " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("ftpserver: " + e.getMessage());
            return USAGE;
        } catch (UsersFileException e) {
            err.println("ftpserver: " + e.getMessage());
            return USAGE;
        } catch (NoSuchFileException | NotDirectoryException e) {
            err.println("ftpserver: " + root + " is not a folder (choose one with --root DIR)");
            return USAGE;
        } catch (IOException e) {
            err.println("ftpserver: cannot serve " + root + ": " + e.getMessage());
            return USAGE;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ferry-shutdown"));
        var console = new Console(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                spec.commandLine().getOut(), server);
        Thread.ofPlatform().daemon().name("ferry-console").start(console);
        server.awaitClosed();
        return 0;
    }

    private String checkOptions() {
        if (port < 0 || port > 65535) return "port " + port + " is out of range 0-65535";
        if (maxClients < 1) return "--max-clients must be at least 1";
        if (graceSeconds < 0) return "--grace must not be negative";
        if (idleSeconds < 1) return "--idle-timeout must be at least 1 second";
        if (lockSeconds < 0) return "--lock-timeout must not be negative";
        if (maxLoginFailures < 1) return "--max-login-failures must be at least 1";
        if (lockoutSeconds < 0) return "--lockout must not be negative";
        if (maxPerAddress < 1) return "--max-per-address must be at least 1";
        if ((cert == null) != (key == null)) return "--cert and --key go together";
        if (cert != null && !tls) return "--cert and --key need --tls";
        if (requireTls && !tls) return "--require-tls needs --tls";
        if (ftpsPort != null && !tls) return "--ftps-port needs --tls";
        if (ftpsTls13 && !tls) return "--ftps-tls13 needs --tls";
        if (ftpsPort != null && (ftpsPort < 0 || ftpsPort > 65535)) return "--ftps-port " + ftpsPort + " is out of range 0-65535";
        if (!tlsReuse.equals("required") && !tlsReuse.equals("optional")) return "--tls-reuse must be required or optional";
        if (ftpPort != null && (ftpPort < 0 || ftpPort > 65535)) return "--ftp-port " + ftpPort + " is out of range 0-65535";
        if (sendBudgetKib != 0 && (sendBudgetKib < SendBudget.MINIMUM_SHARE >> 10 || sendBudgetKib > 1 << 20)) {
            return "--send-budget must be 0 (off) or " + (SendBudget.MINIMUM_SHARE >> 10) + "-" + (1 << 20) + " KiB";
        }
        if (logLevel != null && !LOG_LEVELS.contains(logLevel.toLowerCase(Locale.ROOT))) {
            return "--log-level must be error, warn, info or debug";
        }
        if (passivePorts != null && !passivePorts.matches("\\d{1,5}-\\d{1,5}")) return "--passive-ports must be LO-HI, e.g. 50000-50100";
        return null;
    }

    private Server.Config config() throws UnknownHostException {
        InetAddress address = InetAddress.getByName(bind);
        return new Server.Config(new InetSocketAddress(address, port), root, users, maxClients,
                Duration.ofSeconds(graceSeconds), Duration.ofSeconds(idleSeconds), Duration.ofSeconds(lockSeconds),
                ftpPort == null ? null : new InetSocketAddress(address, ftpPort),
                new FtpSessions.DataSettings(passivePorts, passiveAddress == null ? null : InetAddress.getByName(passiveAddress)),
                new Server.Security(maxLoginFailures, Duration.ofSeconds(lockoutSeconds), Duration.ofMillis(250), maxPerAddress,
                        auditLog, serverTls(), requireTls, tlsReuse.equals("required"),
                        ftpsPort == null ? null : new InetSocketAddress(address, ftpsPort), ftpsTls13),
                sendBudgetKib << 10);
    }

    /** The TLS identity for --tls; any problem with it is a one-line usage error. */
    private ServerTls serverTls() {
        if (!tls) return null;
        try {
            return cert != null ? ServerTls.fromPem(cert, key)
                    : ServerTls.selfSigned(users.toAbsolutePath().resolveSibling("ferry-tls.p12"));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS: " + e.getMessage());
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ftpserver (Ferry) " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
