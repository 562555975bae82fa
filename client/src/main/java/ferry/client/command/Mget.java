package ferry.client.command;

import ferry.client.transfer.Options;
import ferry.client.transfer.TransferException;
import ferry.protocol.Frame;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "mget", description = "Download every remote file matching the patterns into the local folder, "
        + "under its own name; * ? and [...] work in the file-name part (photos/*.jpg). Ends with one summary line.")
public final class Mget implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "1..*", paramLabel = "PATTERN", description = "Remote files, e.g. *.log or photos/img-0?.jpg.")
    List<String> patterns;

    @Option(names = {"-f", "--force"}, description = "Overwrite local files that exist.")
    boolean force;

    @Option(names = {"-c", "--continue"}, description = "Continue partial downloads.")
    boolean resume;

    @Option(names = "--compress", description = "Ask the server to compress.")
    boolean compress;

    @Spec
    CommandSpec spec;

    public Mget(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Tally tally = new Tally("mget", spec.commandLine().getErr());
        Options options = context.options(force, resume, compress);
        for (String pattern : patterns) {
            int slash = pattern.lastIndexOf('/');
            String folder = slash < 0 ? "" : pattern.substring(0, Math.max(slash, 1));
            Glob glob = Glob.of(pattern.substring(slash + 1));
            int matched = 0;
            try {
                for (Frame.Entry entry : context.connection().list(folder)) {
                    if (entry.directory() || !glob.matches(entry.name())) continue;
                    matched++;
                    String remote = folder.isEmpty() ? entry.name() : folder + "/" + entry.name();
                    try {
                        Path target = Names.localChild(context.localDir(), entry.name());
                        tally.transferred(context.connection().get(remote, target, options));
                    } catch (TransferException e) {
                        tally.failed(e.getMessage());
                    }
                }
                if (matched == 0) tally.failed("no remote file matches " + pattern);
            } catch (TransferException e) {
                tally.failed(e.getMessage());
            }
        }
        return tally.report(spec.commandLine().getOut());
    }
}
