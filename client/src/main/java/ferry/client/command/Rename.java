package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rename", aliases = "mv",
        description = "Rename or move a file or folder on the server; NEW may be in another folder (ending in / keeps the name).")
public final class Rename implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "OLD", description = "Current name.")
    String from;

    @Parameters(index = "1", paramLabel = "NEW", description = "New name or path, e.g. b.txt or archive/ .")
    String to;

    @Spec
    CommandSpec spec;

    public Rename(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        String target = to.endsWith("/") ? to + Names.fileName(from) : to;
        spec.commandLine().getOut().println(context.connection().rename(from, target));
        return 0;
    }
}
