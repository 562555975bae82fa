package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "delete", aliases = "rm", description = "Delete a file on the server (folders: rmdir).")
public final class Delete implements Callable<Integer> {
    private final Context context;

    @Parameters(paramLabel = "NAME", description = "File to delete.")
    String name;

    @Spec
    CommandSpec spec;

    public Delete(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(context.connection().delete(name));
        return 0;
    }
}
