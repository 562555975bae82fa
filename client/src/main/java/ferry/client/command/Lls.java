package ferry.client.command;

import ferry.client.transfer.TransferException;
import ferry.protocol.Frame;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lls", description = "List a local folder, in the same layout as list.")
public final class Lls implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "0..1", paramLabel = "DIR", defaultValue = ".", description = "Local folder; the local folder if omitted.")
    String dir;

    @Spec
    CommandSpec spec;

    public Lls(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path folder = context.local(dir);
        List<Frame.Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path child : stream) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException vanished) {
                    continue; // deleted while we listed, or unreadable: list the rest
                }
                entries.add(new Frame.Entry(child.getFileName().toString(), attributes.isDirectory(),
                        attributes.isDirectory() ? 0 : attributes.size(), attributes.lastModifiedTime().toMillis()));
            }
        } catch (NoSuchFileException e) {
            throw new TransferException("no such local folder: " + folder);
        } catch (IOException e) {
            throw new TransferException("cannot list " + folder + ": " + e.getMessage());
        }
        entries.sort(Comparator.comparing(Frame.Entry::name));
        ListFiles.print(entries, spec.commandLine().getOut());
        return 0;
    }
}
