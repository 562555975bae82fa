package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reget", description = "Continue a download that was cut (get -c): only the missing bytes come, "
        + "then the whole file is verified; a partial that does not match is deleted and reported.")
public final class Reget implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "REMOTE", description = "File on the server.")
    String remote;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local file or folder to save to.")
    String local;

    @Option(names = {"-f", "--force"}, description = "Overwrite LOCAL if it exists.")
    boolean force;

    @Option(names = "--compress", description = "Ask the server to compress.")
    boolean compress;

    @Spec
    CommandSpec spec;

    public Reget(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        return Get.download(context, remote, local, force, true, compress, spec.commandLine().getOut());
    }
}
