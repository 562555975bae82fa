package ferry.client.command;

import ferry.protocol.Frame;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "stat", description = "Show a file's size, modification time and checksums (CRC32C, SHA-256).")
public final class StatFile implements Callable<Integer> {
    private final Context context;

    @Parameters(paramLabel = "NAME", description = "File or folder on the server.")
    String name;

    @Spec
    CommandSpec spec;

    public StatFile(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Frame.Info info = context.connection().stat(name);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("name:     %s%n", info.name());
        out.printf("type:     %s%n", info.directory() ? "folder" : "file");
        if (!info.directory()) {
            out.printf("size:     %d bytes%n", info.size());
        }
        out.printf("modified: %s%n", ListFiles.TIME.format(Instant.ofEpochMilli(info.modifiedMillis())));
        if (!info.directory()) {
            out.printf("crc32c:   %08x%n", info.crc32c());
            out.printf("sha256:   %s%n", info.sha256());
        }
        return 0;
    }
}
