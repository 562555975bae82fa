package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "pwd", description = "Show the remote folder (~ is your home).")
public final class Pwd implements Callable<Integer> {
    private final Context context;

    @Spec
    CommandSpec spec;

    public Pwd(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(context.connection().pwd());
        return 0;
    }
}
