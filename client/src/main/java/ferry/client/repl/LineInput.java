package ferry.client.repl;

import ferry.client.transfer.Progress;
import ferry.client.ui.ProgressBar;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where the client's answers and commands come from: a terminal, through JLine (line editing, a history file,
 * Ctrl-R search, Tab completion, passwords without echo, prompts), or plain lines from a pipe or file, without
 * prompts. Owns and closes the terminal. Used by one thread.
 */
public final class LineInput implements Closeable {
    private final Terminal terminal;
    private final LineReader reader;
    private final BufferedReader lines;

    private LineInput(Terminal terminal, LineReader reader, BufferedReader lines) {
        this.terminal = terminal;
        this.reader = reader;
        this.lines = lines;
    }

    /** The terminal if standard input and output are one, otherwise standard input's lines. */
    static LineInput system(Environment environment) throws IOException {
        if (System.console() == null) return of(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return of(TerminalBuilder.builder().system(true).build(), environment.history());
    }

    /** Lines from {@code in}, as when standard input is a pipe. */
    public static LineInput of(Reader in) {
        return new LineInput(null, null, new BufferedReader(in));
    }

    /** JLine on {@code terminal}, keeping the history in {@code historyFile} (not kept if its folder can't be made). */
    public static LineInput of(Terminal terminal, Path historyFile) {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]); // as Words: quotes group, a backslash is an ordinary character
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("ftpclient").parser(parser)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 1000)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // a '!' in a file name stays a '!'
        if (canKeep(historyFile)) builder.variable(LineReader.HISTORY_FILE, historyFile);
        return new LineInput(terminal, builder.build(), null);
    }

    /** Makes the history's folder, and the file readable by its owner only (it names your files); false if it can't. */
    private static boolean canKeep(Path historyFile) {
        try {
            Files.createDirectories(historyFile.getParent());
            if (!Files.exists(historyFile) && historyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(historyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.isWritable(historyFile.getParent());
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    public boolean isInteractive() {
        return reader != null;
    }

    /** The terminal, or null when reading from a pipe. */
    public Terminal terminal() {
        return terminal;
    }

    /** Lets Tab complete with {@code completer}; nothing to do for a pipe. */
    public void complete(Completer completer) {
        if (reader instanceof LineReaderImpl impl) impl.setCompleter(completer);
    }

    /** A progress bar on the terminal, or {@link Progress#NONE} when output is not one. */
    public Progress progress() {
        if (terminal == null) return Progress.NONE;
        return new ProgressBar(terminal.writer(), System::nanoTime, terminal::getWidth);
    }

    /** The next line, or null at the end of input; Ctrl-C on a terminal abandons the line and gives "". */
    public String readLine(String prompt) throws IOException {
        if (reader == null) return lines.readLine();
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    /** An answer to a question (user name, trusting a certificate): like a command line, but not kept in the history. */
    public String ask(String prompt) throws IOException {
        if (reader == null) return lines.readLine();
        try {
            return reader.readLine(prompt, null, new NotRemembered(), null);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /** A password: not echoed and not kept in the history on a terminal; or null at the end of input. */
    public String readPassword(String prompt) throws IOException {
        if (reader == null) return lines.readLine();
        try {
            return reader.readLine(prompt, LineReaderImpl.NULL_MASK); // echoes nothing
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /** Shows the line as typed, and gives the history nothing to keep. */
    private static final class NotRemembered implements MaskingCallback {
        @Override
        public String display(String line) {
            return line;
        }

        @Override
        public String history(String line) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        if (terminal == null) return;
        reader.getHistory().save();
        terminal.close();
    }
}
