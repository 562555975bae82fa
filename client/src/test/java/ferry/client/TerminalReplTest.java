package ferry.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.Environment;
import ferry.client.repl.LineInput;
import ferry.client.repl.Main;
import ferry.client.repl.Shell;
import ferry.client.transfer.Progress;
import ferry.client.ui.ProgressBar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.jline.terminal.Size;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ftpclient on a terminal: JLine (a dumb terminal over in-memory streams) with keys typed by the test. */
@Timeout(30)
class TerminalReplTest {
    @TempDir
    Path dir;

    private TestServer server;
    private Environment environment;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String screen;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        Files.writeString(server.root.resolve("alpha.txt"), "A");
        Files.createDirectories(server.root.resolve("photos"));
        environment = new Environment(Map.of("FERRY_CONFIG_DIR", dir.resolve("config").toString()), dir.resolve("home"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Runs ftpclient on a "dumb" terminal (no key bindings but Enter) fed {@code keys}; what it drew is in {@link #screen}. */
    private int type(String keys) throws Exception {
        return type("dumb", keys);
    }

    /** As above on a terminal of {@code type}: JLine binds Tab, Ctrl-R and the rest (emacs keys) unless it is "dumb". */
    private int type(String type, String keys) throws Exception {
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        int code;
        DumbTerminal terminal = new DumbTerminal("test", type, new ByteArrayInputStream(keys.getBytes(UTF_8)), drawn, UTF_8);
        terminal.setSize(new Size(120, 40));
        try (LineInput input = LineInput.of(terminal, environment.history())) {
            code = Main.commandLine(new Main(input, dir, environment))
                    .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute(String.valueOf(server.port()));
        }
        screen = drawn.toString(UTF_8);
        return code;
    }

    @Test
    void promptShowsUserHostAndRemoteFolderWithoutColoursOnADumbTerminal() throws Exception {
        assertEquals(Shell.OK, type("demo\rdemo\rcd photos\rexit\r"), err::toString);
        assertTrue(screen.contains("Username: "), screen);
        assertTrue(screen.contains("demo@localhost:~> "), screen);
        assertTrue(screen.contains("demo@localhost:~/photos> "), screen);
        assertFalse(screen.contains("\u001b[1;"), "no colours on a dumb terminal");
        assertTrue(out.toString().startsWith("Connected to Ferry"), out::toString);
    }

    @Test
    void promptHasColoursOnAColourTerminalUnlessNoColorIsSet() throws Exception {
        assertEquals(Shell.OK, type("xterm-256color", "demo\rdemo\rexit\r"), err::toString);
        // JLine redraws the prompt's colours in its own order: bold green user@host, bold blue folder.
        assertTrue(screen.contains("\u001b[32;1mdemo@localhost\u001b[0m:\u001b[34;1m~\u001b[0m> "), screen.replace("\u001b", "ESC"));

        environment = new Environment(Map.of("NO_COLOR", "1", "FERRY_CONFIG_DIR", dir.resolve("config").toString()), dir.resolve("home"));
        assertEquals(Shell.OK, type("xterm-256color", "demo\rdemo\rexit\r"), err::toString);
        assertFalse(screen.contains("\u001b[32;1m") || screen.contains("\u001b[1;32m"), screen);
        assertTrue(screen.contains("demo@localhost:~> "), screen);
    }

    @Test
    void passwordIsNeitherEchoedNorKeptInTheHistory() throws Exception {
        assertEquals(Shell.CONNECTION, type("demo\rSecretWord\r"));
        assertFalse(screen.contains("SecretWord"), screen);
        assertEquals(Shell.OK, type("demo\rdemo\rlist\rexit\r"));
        String history = Files.readString(dir.resolve("config/history"));
        assertTrue(history.contains("list") && history.contains("exit"), history);
        assertFalse(history.contains("SecretWord") || history.contains(":demo\n"), "answers are not commands: " + history);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config/history"))));
    }

    @Test
    void tabCompletesCommandAndRemoteName() throws Exception {
        assertEquals(Shell.OK, type("xterm-256color", "demo\rdemo\rge\talp\t\rexit\r"), err::toString);
        assertEquals("A", Files.readString(dir.resolve("newAlpha.txt")));
        assertTrue(out.toString().contains("get alpha.txt -> newAlpha.txt"), out::toString);
    }

    @Test
    void historyOutlivesTheSessionAndCtrlRSearchesIt() throws Exception {
        assertEquals(Shell.OK, type("demo\rdemo\rstat alpha.txt\rexit\r"), err::toString);
        out.getBuffer().setLength(0);
        // A new session: Ctrl-R "sta" finds the stat line in the history file, Enter runs it.
        assertEquals(Shell.OK, type("xterm-256color", "demo\rdemo\r\u0012sta\r"), err::toString);
        assertTrue(out.toString().contains("sha256"), "stat ran again from history: " + out);
    }

    @Test
    void progressIsDrawnOnATerminalOnly() throws Exception {
        assertEquals(Progress.NONE, LineInput.of(new StringReader("")).progress());
        try (LineInput input = LineInput.of(new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()),
                environment.history())) {
            assertTrue(input.progress() instanceof ProgressBar);
        }
    }
}
