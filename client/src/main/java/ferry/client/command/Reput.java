package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reput", description = "Continue an upload that was cut (upload -c): only the missing bytes go, "
        + "then the server verifies the whole file; a partial that does not match is deleted and reported.")
public final class Reput implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file.")
    String local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "Name on the server (ending in / for a folder).")
    String remote;

    @Option(names = {"-f", "--force"}, description = "Overwrite REMOTE if it exists.")
    boolean force;

    @Option(names = "--compress", description = "Compress.")
    boolean compress;

    @Spec
    CommandSpec spec;

    public Reput(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return Upload.send(context, local, remote, force, true, compress, spec.commandLine().getOut());
    }
}
