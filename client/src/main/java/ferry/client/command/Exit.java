package ferry.client.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "exit", aliases = {"quit", "logout", "bye"}, description = "Log out, close the connection and leave.")
public final class Exit implements Callable<Integer> {
    private final Context context;

    public Exit(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.connection().quit();
        context.requestExit();
        return 0;
    }
}
