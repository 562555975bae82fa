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
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The read-eval-print loop: reads a line, lets picocli dispatch it to one of the commands, repeats until
 * {@code exit} or the end of input. A failed command is reported in one line and the loop goes on, unless the
 * connection is gone. Used by one thread.
 */
public final class Shell {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int CONNECTION = 3;

    private final Context context;
    private final LineInput input;
    private final PrintWriter err;
    private final CommandLine commands;

    public Shell(Context context, LineInput input, PrintWriter out, PrintWriter err) {
        this.context = context;
        this.input = input;
        this.err = err;
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
            String line = input.readLine("ferry> ");
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

    /** Runs one command line and returns its exit code. */
    public int execute(String line) {
        List<String> words;
        try {
            words = Words.split(line);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        if (words.isEmpty() || words.getFirst().startsWith("#")) return OK;
        return commands.execute(words.toArray(String[]::new));
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
