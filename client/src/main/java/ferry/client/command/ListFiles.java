package ferry.client.command;

import ferry.protocol.Frame;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", aliases = "ls", description = "List a folder on the server: type, size, modification time, name.")
public final class ListFiles implements Callable<Integer> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final Context context;

    @Parameters(arity = "0..1", paramLabel = "PATH", defaultValue = "", description = "Folder to list; the remote folder (see cd) if omitted.")
    String path;

    @Spec
    CommandSpec spec;

    public ListFiles(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        print(context.connection().list(path), spec.commandLine().getOut());
        return 0;
    }

    /** The listing layout both {@code list} and {@code lls} use: type, size, time, name; then a count. */
    static void print(List<Frame.Entry> entries, PrintWriter out) {
        int width = entries.stream().mapToInt(e -> Long.toString(e.size()).length()).max().orElse(1);
        for (Frame.Entry entry : entries) {
            out.printf("%s %" + width + "d  %s  %s%s%n", entry.directory() ? "d" : "-", entry.size(),
                    TIME.format(Instant.ofEpochMilli(entry.modifiedMillis())), entry.name(), entry.directory() ? "/" : "");
        }
        out.printf("%d %s%n", entries.size(), entries.size() == 1 ? "entry" : "entries");
    }
}
