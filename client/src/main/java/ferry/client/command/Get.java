package ferry.client.command;

import ferry.client.transfer.Result;
import ferry.client.transfer.TransferException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "get", description = {
        "Download a file. Without LOCAL it is saved as new<Name> in the local folder.",
        "It lands in .NAME.ferry-part until verified; if the connection is lost, get -c (reget) continues it.",
        "With -r, copy the folder REMOTE and everything in it to LOCAL (default: a folder of the same name)."})
public final class Get implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "REMOTE", description = "File (or with -r folder) on the server.")
    String remote;

    @Parameters(index = "1", arity = "0..1", paramLabel = "LOCAL", description = "Local file or folder to save to.")
    String local;

    @Option(names = {"-f", "--force"}, description = "Overwrite LOCAL if it exists.")
    boolean force;

    @Option(names = {"-c", "--continue"}, description = "Continue a partial download, then verify the whole file.")
    boolean resume;

    @Option(names = {"-r", "--recursive"}, description = "Copy a whole folder, empty folders included.")
    boolean recursive;

    @Option(names = "--compress", description = "Ask the server to compress (it does not for JPEG, ZIP...).")
    boolean compress;

    @Spec
    CommandSpec spec;

    public Get(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (recursive) {
            String folder = Names.trimmed(remote);
            Path target = context.local(local != null ? local : Names.fileName(folder));
            Tally tally = new Tally("get -r " + remote, spec.commandLine().getErr());
            new Mirror(context.connection(), context.options(force, resume, compress), tally).download(folder, target, 0);
            return tally.report(out);
        }
        return download(context, remote, local, force, resume, compress, out);
    }

    /** One file, as get and reget do it; prints one line. */
    static int download(Context context, String remote, String local, boolean force, boolean resume, boolean compress,
                        PrintWriter out) throws IOException, TransferException {
        Path target;
        boolean overwrite = force;
        if (local == null) {
            target = context.local(Names.copyName(remote));
            overwrite = true; // a new* copy is ours to replace; the original is never touched
        } else {
            target = context.local(local);
            if (Files.isDirectory(target)) target = target.resolve(Names.fileName(remote));
        }
        Result result = context.connection().get(remote, target, context.options(overwrite, resume, compress));
        out.printf("get %s -> %s: %s%n", remote, local == null ? target.getFileName() : target, result.rate());
        return 0;
    }
}
