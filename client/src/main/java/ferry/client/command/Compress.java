package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "compress", description = "Compress every transfer of this session (on) or only those with --compress (off). "
        + "The server still declines for already-compressed files such as JPEG and ZIP.")
public final class Compress implements Callable<Integer> {
    enum Setting { on, off }

    private final Context context;

    @Parameters(arity = "0..1", paramLabel = "on|off", description = "Without it, shows the setting.")
    Setting setting;

    @Spec
    CommandSpec spec;

    public Compress(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (setting != null) context.compress(setting == Setting.on);
        spec.commandLine().getOut().println("compression " + (context.isCompressing() ? "on" : "off"));
        return 0;
    }
}
