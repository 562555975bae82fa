package ferry.client;

import ferry.client.repl.LineInput;
import ferry.client.repl.Main;
import java.io.StringReader;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Builds {@link Main} for picocli's man page and completion generators, which the build runs at package (see
 * client/pom.xml): Main takes its input in its constructor, which their default factory can't supply.
 */
public final class DocsFactory implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == Main.class) return type.cast(new Main(LineInput.of(new StringReader("")), Path.of("")));
        return CommandLine.defaultFactory().create(type);
    }
}
