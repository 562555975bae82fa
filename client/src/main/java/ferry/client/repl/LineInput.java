package ferry.client.repl;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Where the client's answers and commands come from: the terminal, with prompts and a password that is not echoed,
 * or plain lines from a pipe or file, without prompts. Used by one thread.
 */
public final class LineInput {
    private final Console console;
    private final BufferedReader reader;

    private LineInput(Console console, BufferedReader reader) {
        this.console = console;
        this.reader = reader;
    }

    /** The terminal if standard input is one, otherwise standard input's lines. */
    static LineInput system() {
        Console console = System.console();
        return console != null ? new LineInput(console, null)
                : of(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    /** Lines from {@code in}, as when standard input is a pipe. */
    public static LineInput of(Reader in) {
        return new LineInput(null, new BufferedReader(in));
    }

    public boolean isInteractive() {
        return console != null;
    }

    /** The next line, or null at the end of input. */
    public String readLine(String prompt) throws IOException {
        return console != null ? console.readLine("%s", prompt) : reader.readLine();
    }

    /** A password: not echoed on a terminal; or null at the end of input. */
    public String readPassword(String prompt) throws IOException {
        if (console == null) return reader.readLine();
        char[] password = console.readPassword("%s", prompt);
        return password == null ? null : new String(password);
    }
}
