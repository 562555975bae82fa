package ferry.client.repl;

import ferry.client.command.Context;
import ferry.client.transfer.ClientTls;
import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import ferry.protocol.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ftpclient [OPTIONS] [PORT]}: connects, logs in, and runs the REPL. */
@Command(name = "ftpclient", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Transfers files with a Ferry server.",
                "Asks for the user name (unless --user) and password, then reads commands; type 'help' for them.",
                "When standard input is not a terminal, it reads the answers and then the commands as lines from it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a command failed (input not a terminal)", "2:usage error",
                "3:connection or login failure"})
public final class Main implements Callable<Integer> {
    private final LineInput input;
    private final Path localDir;

    @Parameters(index = "0", arity = "0..1", defaultValue = "5106", paramLabel = "PORT",
            description = "Server port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost", description = "Server host. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--user", paramLabel = "NAME", description = "User name; asked for if omitted.")
    String user;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up on a server silent for this long. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--tls", description = "Connect over TLS (the server runs with --tls).")
    boolean tls;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "Trust the certificates in this PEM file instead of the system's (implies --tls).")
    Path ca;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Where fingerprints of trusted self-signed servers are kept. Default: ~/.config/ferry/known_hosts.")
    Path knownHosts;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public Main(LineInput input, Path localDir) {
        this.input = input;
        this.localDir = localDir;
    }

    public static void main(String[] args) {
        System.setProperty("jdk.console", "java.base"); // System.console() is null unless stdin and stdout are a terminal
        System.exit(new CommandLine(new Main(LineInput.system(), Path.of(""))).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 1 || port > 65535) {
            err.println("ftpclient: port " + port + " is out of range 1-65535");
            return Shell.USAGE;
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 86_400) {
            err.println("ftpclient: --timeout must be 1-86400 seconds");
            return Shell.USAGE;
        }
        Connection connection;
        try {
            connection = Connection.open(host, port, Duration.ofSeconds(timeoutSeconds), clientTls(out));
        } catch (IOException | java.security.GeneralSecurityException e) {
            err.println("ftpclient: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            return Shell.CONNECTION;
        }
        try (connection) {
            if (input.isInteractive()) out.println("Connected to " + connection.server() + " at " + host + ":" + port);
            if (!login(connection, err)) return Shell.CONNECTION;
            out.flush();
            return new Shell(new Context(connection, localDir), input, out, err).run();
        }
    }

    /** The TLS settings for --tls or --ca; null for plain TCP. An unknown certificate is asked about on a terminal only. */
    private ClientTls clientTls(PrintWriter out) throws IOException, java.security.GeneralSecurityException {
        if (!tls && ca == null) return null;
        Path pins = knownHosts != null ? knownHosts : ClientTls.defaultKnownHosts();
        return ClientTls.of(ca, pins, question -> {
            if (!input.isInteractive()) return false;
            out.println(question);
            out.flush();
            try {
                String answer = input.readLine("Type yes to trust it: ");
                return answer != null && answer.strip().equalsIgnoreCase("yes");
            } catch (IOException e) {
                return false;
            }
        });
    }

    private boolean login(Connection connection, PrintWriter err) throws IOException {
        String name = user != null ? user : input.readLine("Username: ");
        String password = name == null ? null : input.readPassword("Password: ");
        if (name == null || password == null) {
            err.println("ftpclient: no user name or password given");
            return false;
        }
        try {
            connection.login(name, password);
            return true;
        } catch (TransferException e) {
            err.println("ftpclient: login failed: " + e.getMessage());
            return false;
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ftpclient (Ferry) " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
