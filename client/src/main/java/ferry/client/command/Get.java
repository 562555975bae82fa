package ferry.client.command;

import ferry.client.transfer.Result;
import ferry.client.transfer.TransferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "get", description = "Download a file. Without LOCAL it is saved as new<Name> in the local folder.")
public final class Get implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "REMOTE", description = "File on the server, e.g. downloadTestFile1.jpg.")
    String remote;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local file or folder to save to.")
    String local;

    @Option(names = {"-f", "--force"}, description = "Overwrite LOCAL if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    public Get(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path target;
        boolean overwrite = force;
        if (local == null) {
            target = context.local(Names.copyName(remote));
            overwrite = true; // a new* copy is ours to replace; the original is never touched
        } else {
            target = context.local(local);
            if (Files.isDirectory(target)) target = target.resolve(Names.fileName(remote));
        }
        Result result = context.connection().get(remote, target, overwrite);
        spec.commandLine().getOut().printf("get %s -> %s: %s%n", remote, local == null ? target.getFileName() : target, result.rate());
        return 0;
    }
}
