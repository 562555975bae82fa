package ferry.client.repl;

import ferry.client.command.Context;
import ferry.client.transfer.ClientTls;
import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import ferry.client.ui.Prompt;
import ferry.protocol.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ftpclient [OPTIONS] [PORT [COMMAND [ARGS]]]}: connects, logs in, and runs the REPL, one command, {@code -c}'s
 * commands or a {@code --batch} script. Build its command line with {@link #commandLine}, which lets a COMMAND's own
 * options (get -f) through.
 */
@Command(name = "ftpclient", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Transfers files with a Ferry server.",
                "Logs in (user name from --user or ~/.netrc, else asked; password from $FERRY_PASSWORD or ~/.netrc, "
                        + "else asked), then reads commands; type 'help' for them. With COMMAND, -c or --batch it runs "
                        + "those instead and exits, stopping at the first that fails (unless --keep-going).",
                "When standard input is not a terminal, it reads the answers and then the commands as lines from it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a command failed (in the REPL: input not a terminal)",
                "2:usage error, of ftpclient or of a command it ran", "3:connection or login failure"},
        footerHeading = "%nEnvironment:%n",
        footer = {"  FERRY_PASSWORD    the password (there is no option for it: ps shows arguments)",
                "  NO_COLOR          if set, the prompt has no colours",
                "  FERRY_CONFIG_DIR  where history and known_hosts are; default ~/.config/ferry",
                "%nFiles:%n  ~/.netrc          machine HOST login NAME password PW, as ftp and curl read it"})
public final class Main implements Callable<Integer> {
    private final LineInput input;
    private final Path localDir;
    private final Environment environment;

    @Parameters(index = "0", arity = "0..1", defaultValue = "5106", paramLabel = "PORT",
            description = "Server port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Parameters(index = "1..*", paramLabel = "COMMAND",
            description = "Run this one command with its arguments and exit, e.g. 5106 get -f a.txt. Options go before PORT.")
    List<String> command = List.of();

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost", description = "Server host. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--user", paramLabel = "NAME", description = "User name; else the login ~/.netrc has for HOST, else asked.")
    String user;

    @Option(names = "-c", paramLabel = "COMMANDS",
            description = "Run these commands, separated by ';', and exit; quote names with ';' or spaces: -c 'get \"a;b.txt\"; ls'.")
    String commands;

    @Option(names = "--batch", paramLabel = "FILE",
            description = "Run the commands in FILE, one a line ('-' for standard input; # comments and blank lines skipped), and exit.")
    String batch;

    @Option(names = "--keep-going", description = "With COMMAND, -c or --batch: run the rest after a command fails (the exit code is still the first failure's).")
    boolean keepGoing;

    @Option(names = "--netrc-file", paramLabel = "FILE", description = "Read logins and passwords from FILE. Default: ~/.netrc.")
    Path netrcFile;

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
        this(input, localDir, Environment.system());
    }

    public Main(LineInput input, Path localDir, Environment environment) {
        this.input = input;
        this.localDir = localDir;
        this.environment = environment;
    }

    /** The command line to run {@code main} with: everything after PORT belongs to COMMAND, its options included. */
    public static CommandLine commandLine(Main main) {
        return new CommandLine(main).setStopAtPositional(true);
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("jdk.console", "java.base"); // System.console() is null unless stdin and stdout are a terminal
        Environment environment = Environment.system();
        int code;
        try (LineInput input = LineInput.system(environment)) {
            code = commandLine(new Main(input, Path.of(""), environment)).execute(args);
        }
        System.exit(code);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> misuse = misuse();
        if (misuse.isPresent()) {
            err.println("ftpclient: " + misuse.get());
            return Shell.USAGE;
        }
        Script script;
        Netrc netrc;
        try {
            script = script();
            netrc = Netrc.read(netrcFile != null ? netrcFile : environment.netrc(), warning -> err.println("ftpclient: " + warning));
        } catch (NoSuchFileException e) {
            err.println("ftpclient: no such file: " + e.getFile());
            return Shell.USAGE;
        } catch (IOException | IllegalArgumentException e) {
            err.println("ftpclient: " + e.getMessage());
            return Shell.USAGE;
        }
        Connection connection;
        try {
            connection = Connection.open(host, port, Duration.ofSeconds(timeoutSeconds), clientTls(out));
        } catch (IOException | GeneralSecurityException e) {
            err.println("ftpclient: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            return Shell.CONNECTION;
        }
        try (connection) {
            boolean repl = script == null && command.isEmpty();
            if (input.isInteractive() && repl) out.println("Connected to " + connection.server() + " at " + host + ":" + port);
            Optional<Credentials> credentials = login(connection, netrc, err);
            if (credentials.isEmpty()) return Shell.CONNECTION;
            out.flush();
            Shell shell = new Shell(new Context(connection, localDir), input, out, err, prompt(credentials.get()));
            if (!command.isEmpty()) return shell.runCommand(command);
            return script != null ? shell.runScript(script, keepGoing) : shell.run();
        }
    }

    /** What is wrong with the arguments picocli could not check, if anything. */
    private Optional<String> misuse() {
        if (port < 1 || port > 65535) return Optional.of("port " + port + " is out of range 1-65535");
        if (timeoutSeconds < 1 || timeoutSeconds > 86_400) return Optional.of("--timeout must be 1-86400 seconds");
        int modes = (command.isEmpty() ? 0 : 1) + (commands != null ? 1 : 0) + (batch != null ? 1 : 0);
        if (modes > 1) return Optional.of("give one of COMMAND, -c and --batch");
        if (!command.isEmpty() && command.getFirst().startsWith("-")) {
            return Optional.of("options go before PORT (found " + command.getFirst() + " after it)");
        }
        if (netrcFile != null && !Files.isRegularFile(netrcFile)) return Optional.of("no such file: " + netrcFile);
        return Optional.empty();
    }

    /** The commands of -c or --batch, or null for the REPL or a single COMMAND. */
    private Script script() throws IOException {
        if (commands != null) return Script.of(Words.commands(commands));
        if (batch == null) return null;
        if (batch.equals("-")) return Script.of(input);
        return Script.of(Files.readAllLines(Path.of(batch)));
    }

    private Prompt prompt(Credentials credentials) {
        boolean colour = input.isInteractive() && Prompt.colourOn(input.terminal(), environment.variables());
        return new Prompt(credentials.user(), host, colour);
    }

    /** The TLS settings for --tls or --ca; null for plain TCP. An unknown certificate is asked about on a terminal only. */
    private ClientTls clientTls(PrintWriter out) throws IOException, GeneralSecurityException {
        if (!tls && ca == null) return null;
        Path pins = knownHosts != null ? knownHosts : ClientTls.defaultKnownHosts();
        return ClientTls.of(ca, pins, question -> {
            if (!input.isInteractive()) return false;
            out.println(question);
            out.flush();
            try {
                String answer = input.ask("Type yes to trust it: ");
                return answer != null && answer.strip().equalsIgnoreCase("yes");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Finds the credentials and logs in with them; empty (the reason printed) if that failed. */
    private Optional<Credentials> login(Connection connection, Netrc netrc, PrintWriter err) throws IOException {
        Optional<Credentials> credentials = Credentials.find(user, host, netrc, environment, input);
        if (credentials.isEmpty()) {
            err.println("ftpclient: no user name or password given");
            return credentials;
        }
        try {
            connection.login(credentials.get().user(), credentials.get().password());
            return credentials;
        } catch (TransferException e) {
            err.println("ftpclient: login failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ftpclient (Ferry) " + Version.current(), "Java " + Runtime.version()};
        }
    }
}
