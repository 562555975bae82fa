package ferry.client.repl;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * The command lines of a non-interactive run, one at a time: {@code -c}'s commands, a {@code --batch} file's lines,
 * or standard input's. Used by one thread.
 */
@FunctionalInterface
public interface Script {
    /** The next command line, or null at the end. */
    String next() throws IOException;

    static Script of(List<String> lines) {
        Iterator<String> each = lines.iterator();
        return () -> each.hasNext() ? each.next() : null;
    }

    /** The remaining lines of {@code input} (after the password, if it was read from there too). */
    static Script of(LineInput input) {
        return () -> input.readLine("");
    }
}
