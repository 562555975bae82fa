package ferry.client.command;

import ferry.client.transfer.Result;
import ferry.client.transfer.TransferException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "upload", aliases = "put", description = {
        "Upload a file. Without REMOTE it is stored as new<Name> in the remote folder (see cd).",
        "With -c (reput) the server keeps what it received if the connection is lost, and the next -c continues it.",
        "With -r, copy the folder LOCAL and everything in it to REMOTE (default: a folder of the same name)."})
public final class Upload implements Callable<Integer> {
    private final Context context;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "Local file (or with -r folder).")
    String local;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REMOTE", description = "Name on the server (ending in / for a folder).")
    String remote;

    @Option(names = {"-f", "--force"}, description = "Overwrite REMOTE if it exists.")
    boolean force;

    @Option(names = {"-c", "--continue"}, description = "Resumable: continue the server's partial of a cut upload, then verify the whole file.")
    boolean resume;

    @Option(names = {"-r", "--recursive"}, description = "Copy a whole folder, empty folders included; symbolic links are skipped.")
    boolean recursive;

    @Option(names = "--compress", description = "Compress (the server declines for JPEG, ZIP...).")
    boolean compress;

    @Spec
    CommandSpec spec;

    public Upload(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (recursive) {
            Path folder = context.local(local).toAbsolutePath().normalize();
            if (folder.getFileName() == null) throw new TransferException("cannot copy the top folder " + folder + " with -r");
            String target = remote != null ? Names.trimmed(remote) : folder.getFileName().toString();
            Tally tally = new Tally("upload -r " + local, spec.commandLine().getErr());
            new Mirror(context.connection(), context.options(force, resume, compress), tally).upload(folder, target, 0);
            return tally.report(out);
        }
        return send(context, local, remote, force, resume, compress, out);
    }

    /** One file, as upload and reput do it; prints one line. */
    static int send(Context context, String local, String remote, boolean force, boolean resume, boolean compress,
                    PrintWriter out) throws IOException, TransferException {
        Path name = context.local(local).toAbsolutePath().normalize().getFileName();
        if (name == null) throw new TransferException(local + " is a folder");
        String localName = name.toString();
        String target;
        boolean overwrite = force;
        if (remote == null) {
            target = Names.copyName(localName);
            overwrite = true; // a new* copy is ours to replace; the original is never touched
        } else {
            target = remote.endsWith("/") ? remote + localName : remote;
        }
        Result result = context.connection().upload(context.local(local), target, context.options(overwrite, resume, compress));
        out.printf("upload %s -> %s: %s%n", local, target, result.rate());
        return 0;
    }
}
