package ferry.client.command;

import ferry.client.transfer.TransferException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lcd", description = "Change the local folder that get saves to and upload reads from.")
public final class Lcd implements Callable<Integer> {
    private final Context context;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Local folder; your home folder if omitted.")
    String dir;

    @Spec
    CommandSpec spec;

    public Lcd(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path folder = dir == null ? Path.of(System.getProperty("user.home")) : context.local(dir);
        if (!Files.isDirectory(folder)) throw new TransferException("no such local folder: " + folder);
        context.changeLocalDir(folder.toAbsolutePath().normalize());
        spec.commandLine().getOut().println(context.localDir());
        return 0;
    }
}
