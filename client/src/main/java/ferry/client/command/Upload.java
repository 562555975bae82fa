package ferry.client.command;

import ferry.client.transfer.Result;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "upload", aliases = "put",
        description = "Upload a file. Without REMOTE it is stored as new<Name> in the remote folder (see cd).")
public final class Upload implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file, e.g. testfiles/uploadTestFile1.jpg.")
    String local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "Name on the server (ending in / for a folder).")
    String remote;

    @Option(names = {"-f", "--force"}, description = "Overwrite REMOTE if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    public Upload(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        java.nio.file.Path name = context.local(local).toAbsolutePath().normalize().getFileName();
        if (name == null) throw new ferry.client.transfer.TransferException(local + " is a folder");
        String localName = name.toString();
        String target;
        boolean overwrite = force;
        if (remote == null) {
            target = Names.copyName(localName);
            overwrite = true; // a new* copy is ours to replace; the original is never touched
        } else {
            target = remote.endsWith("/") ? remote + localName : remote;
        }
        Result result = context.connection().upload(context.local(local), target, overwrite);
        spec.commandLine().getOut().printf("upload %s -> %s: %s%n", local, target, result.rate());
        return 0;
    }
}
