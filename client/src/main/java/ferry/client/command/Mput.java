package ferry.client.command;

import ferry.client.transfer.Options;
import ferry.client.transfer.TransferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "mput", description = "Upload every local file matching the patterns into the remote folder, under "
        + "its own name; * ? and [...] work in the file-name part (logs/*.txt). Symbolic links are skipped. "
        + "Ends with one summary line.")
public final class Mput implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "1..*", paramLabel = "PATTERN", description = "Local files, e.g. *.csv or data/day-0?.log.")
    List<String> patterns;

    @Option(names = {"-f", "--force"}, description = "Overwrite remote files that exist.")
    boolean force;

    @Option(names = {"-c", "--continue"}, description = "Resumable uploads (continue the server's partials).")
    boolean resume;

    @Option(names = "--compress", description = "Compress.")
    boolean compress;

    @Spec
    CommandSpec spec;

    public Mput(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Tally tally = new Tally("mput", spec.commandLine().getErr());
        Options options = context.options(force, resume, compress);
        for (String pattern : patterns) {
            int slash = pattern.lastIndexOf('/');
            Path folder = context.local(slash < 0 ? "." : pattern.substring(0, Math.max(slash, 1)));
            Glob glob = Glob.of(pattern.substring(slash + 1));
            int matched = 0;
            for (Path file : matching(folder, glob, tally)) {
                matched++;
                if (Files.isSymbolicLink(file)) {
                    tally.skipped(file + " is a symbolic link");
                } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    matched -= Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? 1 : 0; // folders need upload -r
                } else {
                    try {
                        tally.transferred(context.connection().upload(file, file.getFileName().toString(), options));
                    } catch (TransferException | IllegalArgumentException e) {
                        tally.failed(e.getMessage());
                    }
                }
            }
            if (matched == 0) tally.failed("no local file matches " + pattern);
        }
        return tally.report(spec.commandLine().getOut());
    }

    private static List<Path> matching(Path folder, Glob glob, Tally tally) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> glob.matches(file.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            tally.failed("cannot read " + folder + ": " + e.getMessage());
            return List.of();
        }
    }
}
