package ferry.client.repl;

import ferry.client.command.Cd;
import ferry.client.command.Compress;
import ferry.client.command.Context;
import ferry.client.command.Delete;
import ferry.client.command.Exit;
import ferry.client.command.Get;
import ferry.client.command.Lcd;
import ferry.client.command.ListFiles;
import ferry.client.command.Lls;
import ferry.client.command.Lpwd;
import ferry.client.command.Mget;
import ferry.client.command.Mkdir;
import ferry.client.command.Mput;
import ferry.client.command.Pwd;
import ferry.client.command.Rename;
import ferry.client.command.Reget;
import ferry.client.command.Reput;
import ferry.client.command.Rmdir;
import ferry.client.command.StatFile;
import ferry.client.command.Upload;
import ferry.client.transfer.TransferException;
import ferry.client.ui.Prompt;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The read-eval-print loop: reads a line, lets picocli dispatch it to one of the commands, repeats until
 * {@code exit} or the end of input. A failed command is reported in one line and the loop goes on, unless the
 * connection is gone. On a terminal it also completes with Tab ({@link Completion}), shows a {@link Prompt} with the
 * remote folder, and draws transfers' progress. {@link #runScript} and {@link #runCommand} are the non-interactive
 * ways, which stop at the first failure. Used by one thread.
 */
public final class Shell {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;

    /** Commands after which the remote side and folder are as they were, so cached listings stay valid. */
    private static final Set<String> READ_ONLY = Set.of("get", "list", "ls", "stat", "pwd", "lcd", "lpwd", "lls", "help");

    private final Context context;
    private final LineInput input;
    private final PrintWriter err;
    private final CommandLine commands;
    private final RemoteFolders remote;
    private final Completion completion;
    private final Prompt prompt;
    private String remoteFolder;

    public Shell(Context context, LineInput input, PrintWriter out, PrintWriter err) {
        this(context, input, out, err, null);
    }

    /** As above, showing {@code prompt} on a terminal; null for a plain {@code ferry> }. */
    public Shell(Context context, LineInput input, PrintWriter out, PrintWriter err, Prompt prompt) {
        this.context = context;
        this.input = input;
        this.err = err;
        this.prompt = prompt;
        this.remote = new RemoteFolders(context.connection());
        this.commands = new CommandLine(new Commands())
                .addSubcommand(new Get(context))
                .addSubcommand(new Upload(context))
                .addSubcommand(new Reget(context))
                .addSubcommand(new Reput(context))
                .addSubcommand(new Mget(context))
                .addSubcommand(new Mput(context))
                .addSubcommand(new Compress(context))
                .addSubcommand(new ListFiles(context))
                .addSubcommand(new StatFile(context))
                .addSubcommand(new Cd(context))
                .addSubcommand(new Pwd(context))
                .addSubcommand(new Mkdir(context))
                .addSubcommand(new Rmdir(context))
                .addSubcommand(new Delete(context))
                .addSubcommand(new Rename(context))
                .addSubcommand(new Lcd(context))
                .addSubcommand(new Lpwd(context))
                .addSubcommand(new Lls(context))
                .addSubcommand(new Exit(context))
                .setSubcommandsCaseInsensitive(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(this::failed)
                .setParameterExceptionHandler(this::misused);
        // The root has no name, so that usage reads "get [-f] REMOTE [LOCAL]" rather than with a prefix.
        for (CommandLine command : commands.getSubcommands().values()) {
            command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_SYNOPSIS, Shell::synopsis);
        }
        this.completion = new Completion(commands, context, remote);
        if (input.isInteractive()) {
            input.complete(completion);
            context.useProgress(input.progress());
        }
    }

    /** What Tab offers; here for tests. */
    Completion completion() {
        return completion;
    }

    private static String synopsis(CommandLine.Help help) {
        return help.synopsis(help.synopsisHeadingLength()).stripLeading();
    }

    /**
     * Runs commands until {@code exit} or the end of input. Returns {@link #CONNECTION} if the connection was lost,
     * {@link #FAILED} if reading from a pipe and any command failed, {@link #OK} otherwise.
     */
    public int run() throws IOException {
        boolean anyFailed = false;
        while (!context.isExitRequested()) {
            String line = input.readLine(input.isInteractive() ? prompt() : "");
            if (line == null) {
                context.connection().quit();
                break;
            }
            int code = execute(line);
            if (code == CONNECTION) return CONNECTION;
            anyFailed |= code != OK;
        }
        return anyFailed && !input.isInteractive() ? FAILED : OK;
    }

    /**
     * Runs the lines of {@code script} until one fails (or, if {@code keepGoing}, to the end) or {@code exit}, then
     * logs out. Returns {@link #CONNECTION} if the connection was lost, else the code of the first failed command
     * ({@link #FAILED} or {@link #USAGE}), else {@link #OK}.
     */
    public int runScript(Script script, boolean keepGoing) throws IOException {
        int result = OK;
        for (String line = script.next(); line != null && !context.isExitRequested(); line = script.next()) {
            int code = execute(line);
            if (code == CONNECTION) return CONNECTION;
            if (result == OK) result = code;
            if (code != OK && !keepGoing) break;
        }
        if (!context.isExitRequested()) context.connection().quit();
        return result;
    }

    /** Runs one command given as words (no quoting to undo), then logs out; returns its exit code. */
    public int runCommand(List<String> words) {
        int code = execute(words);
        if (code != CONNECTION && !context.isExitRequested()) context.connection().quit();
        return code;
    }

    /** Runs one command line and returns its exit code. */
    public int execute(String line) {
        List<String> words;
        try {
            words = Words.split(line);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        return execute(words);
    }

    private int execute(List<String> words) {
        if (words.isEmpty() || words.getFirst().startsWith("#")) return OK;
        int code = commands.execute(words.toArray(String[]::new));
        if (!READ_ONLY.contains(words.getFirst().toLowerCase(Locale.ROOT))) {
            remote.forget(); // the listings (or, after cd, their folder) may have changed
            remoteFolder = null;
        }
        return code;
    }

    /** The prompt with the remote folder, asked of the server again after a command that may have changed it. */
    private String prompt() {
        if (prompt == null) return "ferry> ";
        if (remoteFolder == null) {
            try {
                remoteFolder = context.connection().pwd();
            } catch (TransferException | IOException e) {
                return prompt.render("?"); // a lost connection is reported by the next command
            }
        }
        return prompt.render(remoteFolder);
    }

    private int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        switch (e) {
            case TransferException failure -> {
                err.println("error: " + failure.getMessage());
                return FAILED;
            }
            case IOException broken -> {
                err.println("error: connection lost: " + broken.getMessage());
                return CONNECTION;
            }
            case IllegalArgumentException refused -> { // a value no frame can carry, such as a 5000-byte path
                err.println("error: " + refused.getMessage());
                return FAILED;
            }
            default -> throw e;
        }
    }

    private int misused(CommandLine.ParameterException e, String[] args) {
        if (e instanceof CommandLine.UnmatchedArgumentException && e.getCommandLine() == commands) {
            err.println("error: unknown command '" + args[0] + "'; type help for the list");
        } else {
            err.println("error: " + e.getMessage());
            err.print("usage: " + synopsis(e.getCommandLine().getHelp()));
        }
        return USAGE;
    }

    /** The root of the REPL's commands; only its subcommands run. */
    @Command(name = "", subcommands = CommandLine.HelpCommand.class, synopsisHeading = "",
            customSynopsis = "Commands (help COMMAND for its options):", commandListHeading = "")
    private static final class Commands implements Runnable {
        @Override
        public void run() {}
    }
}
