package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rmdir", description = "Remove a folder on the server: an empty one, or with -r everything in it.")
public final class Rmdir implements Callable<Integer> {
    private final Context context;

    @Parameters(paramLabel = "DIR", description = "Folder to remove.")
    String dir;

    @Option(names = {"-r", "--recursive"}, description = "Also remove everything inside.")
    boolean recursive;

    @Spec
    CommandSpec spec;

    public Rmdir(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(context.connection().rmdir(dir, recursive));
        return 0;
    }
}
