package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "cd", description = "Change the remote folder; without DIR, back to your home (~). 'cd ..' goes up.")
public final class Cd implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = "~", description = "Folder, e.g. photos, photos/2026, .., ~")
    String dir;

    @Spec
    CommandSpec spec;

    public Cd(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(context.connection().cd(dir));
        return 0;
    }
}
