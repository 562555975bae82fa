package ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.Environment;
import ferry.client.repl.LineInput;
import ferry.client.repl.Main;
import ferry.client.repl.Shell;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ftpclient PORT COMMAND, -c and --batch: what runs, where it stops, and every exit code; credentials without typing. */
@Timeout(30)
class NonInteractiveTest {
    @TempDir
    Path dir;

    private TestServer server;
    private Path home;
    private Map<String, String> variables = Map.of("FERRY_PASSWORD", "demo");
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(server.root.resolve("a.txt"), "A");
        Files.writeString(server.root.resolve("b.txt"), "B");
        Files.writeString(server.root.resolve("semi;colon name.txt"), "S");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Runs ftpclient with --user demo (password from FERRY_PASSWORD unless the test changed the variables). */
    private int ftpclient(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--user", "demo"));
        all.addAll(List.of(args));
        return run(stdin, all.toArray(String[]::new));
    }

    private int run(String stdin, String... args) {
        Main main = new Main(LineInput.of(new StringReader(stdin)), dir, new Environment(variables, home));
        return Main.commandLine(main).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private String port() {
        return String.valueOf(server.port());
    }

    @Test
    void oneCommandRunsWithItsOwnOptionsAndExitsZero() throws Exception {
        Files.writeString(dir.resolve("mine.txt"), "old");
        assertEquals(Shell.OK, ftpclient("", port(), "get", "-f", "a.txt", "mine.txt"), err::toString);
        assertEquals("A", Files.readString(dir.resolve("mine.txt")));
        assertEquals("", err.toString());
    }

    @Test
    void oneCommandExitCodes() throws Exception {
        assertExit(Shell.FAILED, "error: no such file or folder: ~/nothere.txt", port(), "get", "nothere.txt");
        assertExit(Shell.USAGE, "error: unknown command 'frobnicate'; type help for the list", port(), "frobnicate");
        assertExit(Shell.USAGE, "usage: get [-cfr] [--compress] REMOTE [LOCAL]", port(), "get");
        assertExit(Shell.USAGE, "ftpclient: options go before PORT (found --tls after it)", port(), "--tls");
        assertExit(Shell.USAGE, "Unknown option: '--no-such-option'", "--no-such-option", port());
        assertExit(Shell.CONNECTION, "ftpclient: cannot connect to localhost:", freePort(), "list");
        variables = Map.of("FERRY_PASSWORD", "wrong");
        assertExit(Shell.CONNECTION, "ftpclient: login failed: wrong user name or password", port(), "list");
    }

    /** Runs ftpclient --user demo ARGS with no standard input; checks the exit code and a line of standard error. */
    private void assertExit(int code, String message, String... args) {
        err.getBuffer().setLength(0);
        assertEquals(code, ftpclient("", args), err::toString);
        assertTrue(err.toString().contains(message), err::toString);
    }

    @Test
    void dashCRunsEachCommandAndStopsAtTheFirstFailure() throws Exception {
        assertEquals(Shell.FAILED, ftpclient("", "-c", "get a.txt; get nothere.txt; get b.txt", port()));
        assertTrue(Files.exists(dir.resolve("newA.txt")));
        assertFalse(Files.exists(dir.resolve("newB.txt")), "stopped at the failure");
        assertEquals("error: no such file or folder: ~/nothere.txt\n", err.toString());
    }

    @Test
    void keepGoingRunsTheRestButStillExitsWithTheFailure() throws Exception {
        assertEquals(Shell.FAILED, ftpclient("", "--keep-going", "-c", "get nothere.txt; get b.txt", port()));
        assertTrue(Files.exists(dir.resolve("newB.txt")));
    }

    @Test
    void dashCRespectsQuotesAroundSemicolonsAndSpaces() throws Exception {
        assertEquals(Shell.OK, ftpclient("", "-c", "get \"semi;colon name.txt\" 'x y.txt'; list", port()), err::toString);
        assertEquals("S", Files.readString(dir.resolve("x y.txt")));
        assertTrue(out.toString().contains("semi;colon name.txt"), out::toString);
    }

    @Test
    void dashCExitCodes() throws Exception {
        assertEquals(Shell.OK, ftpclient("", "-c", "pwd; exit; get nothere.txt", port()), "exit ends the script");
        assertEquals(Shell.USAGE, ftpclient("", "-c", "get a.txt; frobnicate", port()));
        assertEquals(Shell.USAGE, ftpclient("", "-c", "get 'unbalanced", port()));
        assertEquals(Shell.USAGE, ftpclient("", "-c", "ls", port(), "ls"), "both -c and a COMMAND");
        assertEquals(Shell.CONNECTION, ftpclient("", "-c", "ls", freePort()));
    }

    @Test
    void batchFileSkipsCommentsAndBlankLines() throws Exception {
        Path script = Files.writeString(dir.resolve("script.ferry"), """
                # fetch both
                get a.txt

                   # indented comment
                get b.txt
                """);
        assertEquals(Shell.OK, ftpclient("", "--batch", script.toString(), port()), err::toString);
        assertTrue(Files.exists(dir.resolve("newA.txt")) && Files.exists(dir.resolve("newB.txt")));
    }

    @Test
    void batchFileExitCodes() throws Exception {
        Path failing = Files.writeString(dir.resolve("failing"), "get nothere.txt\nget a.txt\n");
        assertEquals(Shell.FAILED, ftpclient("", "--batch", failing.toString(), port()));
        assertFalse(Files.exists(dir.resolve("newA.txt")));
        assertEquals(Shell.USAGE, ftpclient("", "--batch", dir.resolve("missing").toString(), port()));
        assertTrue(err.toString().contains("ftpclient: no such file: " + dir.resolve("missing")), err::toString);
        assertEquals(Shell.CONNECTION, ftpclient("", "--batch", failing.toString(), freePort()));
    }

    @Test
    void batchFromStandardInputAfterThePasswordLine() throws Exception {
        variables = Map.of();
        assertEquals(Shell.OK, ftpclient("demo\nget a.txt\n# done\n", "--batch", "-", port()), err::toString);
        assertTrue(Files.exists(dir.resolve("newA.txt")));
        assertEquals(Shell.FAILED, ftpclient("demo\nget nothere.txt\nget b.txt\n", "--batch", "-", port()));
        assertFalse(Files.exists(dir.resolve("newB.txt")));
        assertEquals(Shell.USAGE, ftpclient("demo\nfrobnicate\n", "--batch", "-", port()));
        assertEquals(Shell.CONNECTION, ftpclient("wrong\nls\n", "--batch", "-", port()));
    }

    @Test
    void netrcGivesUserAndPasswordForTheHost() throws Exception {
        variables = Map.of();
        Path netrc = Files.writeString(home.resolve(".netrc"), "machine localhost\n  login demo\n  password demo\n");
        Files.setPosixFilePermissions(netrc, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Shell.OK, run("", port(), "get", "a.txt"), err::toString);
        assertEquals("", err.toString());

        Path other = Files.writeString(dir.resolve("other-netrc"), "default login demo password wrong\n");
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Shell.CONNECTION, run("", "--netrc-file", other.toString(), port(), "ls"));
        assertEquals(Shell.USAGE, run("", "--netrc-file", dir.resolve("none").toString(), port(), "ls"));
    }

    @Test
    void pipedOutputHasNoProgressBar() throws Exception {
        Files.write(server.root.resolve("big.bin"), TestServer.random(300_000, 7));
        assertEquals(Shell.OK, ftpclient("", port(), "get", "big.bin"), err::toString);
        assertFalse(out.toString().contains("\r"), "no progress redraws when output is not a terminal");
        assertTrue(out.toString().startsWith("get big.bin -> newBig.bin: 293.0 KB in"), out::toString);
    }

    private static String freePort() throws Exception {
        try (var free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return String.valueOf(free.getLocalPort());
        }
    }
}
