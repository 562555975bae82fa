package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "mkdir", description = "Create a folder on the server (its parent must exist).")
public final class Mkdir implements Callable<Integer> {
    private final Context context;

    @Parameters(paramLabel = "DIR", description = "Folder to create.")
    String dir;

    @Spec
    CommandSpec spec;

    public Mkdir(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(context.connection().mkdir(dir));
        return 0;
    }
}
