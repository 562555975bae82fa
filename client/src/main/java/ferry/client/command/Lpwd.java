package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lpwd", description = "Show the local folder.")
public final class Lpwd implements Callable<Integer> {
    private final Context context;

    @Spec
    CommandSpec spec;

    public Lpwd(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(context.localDir().toAbsolutePath().normalize());
        return 0;
    }
}
