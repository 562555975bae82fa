package ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ftpserver}'s options and start-up failures. Only paths that fail or print and exit are run: a successful
 * start blocks until shutdown.
 */
@Timeout(10)
class MainTest {
    @TempDir
    Path dir;
    Path root;
    Path users;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeRootAndUsers() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        users = Files.writeString(dir.resolve("users.txt"), "alice:secret\n");
    }

    @Test
    void portOutOfRangeExitsTwoWithOneLine() {
        assertEquals(2, run("--root", root.toString(), "--users", users.toString(), "70000"));
        assertEquals("ftpserver: port 70000 is out of range 0-65535" + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void negativePortExitsTwo() {
        assertEquals(2, run("--", "-1"));
        assertEquals("ftpserver: port -1 is out of range 0-65535", err.toString().strip());
    }

    @Test
    void portThatIsNotANumberExitsTwoWithPicocliMessage() {
        assertEquals(2, run("http"));
        assertTrue(err.toString().contains("'http' is not an int"), err.toString());
    }

    @Test
    void unknownOptionExitsTwo() {
        assertEquals(2, run("--colour"));
        assertTrue(err.toString().contains("Unknown option: '--colour'"), err.toString());
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run("--help"));
        String usage = out.toString();
        assertTrue(usage.startsWith("Usage: ftpserver"), usage);
        for (String option : new String[] {"--root", "--users", "--bind", "--max-clients", "--grace", "--idle-timeout", "--lock-timeout"}) {
            assertTrue(usage.contains(option), option);
        }
        assertTrue(usage.contains("Exit codes:"), usage);
        assertEquals("", err.toString());
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("ftpserver (Ferry) "), out.toString());
        assertTrue(out.toString().contains("Java " + Runtime.version().feature()), out.toString());
    }

    @Test
    void missingUsersFileExitsTwoNamingIt() {
        Path missing = dir.resolve("nobody.txt");
        assertEquals(2, run("--root", root.toString(), "--users", missing.toString(), "0"));
        assertEquals("ftpserver: " + missing + ": no such file", err.toString().strip());
    }

    @Test
    void badUsersFileExitsTwoNamingTheLine() throws Exception {
        Files.writeString(users, "alice:secret\nbob\n");
        assertEquals(2, run("--root", root.toString(), "--users", users.toString(), "0"));
        assertEquals("ftpserver: " + users + ":2: expected name:password", err.toString().strip());
    }

    @Test
    void missingRootExitsTwoSayingItIsNotAFolder() {
        Path missing = dir.resolve("no-such-root");
        assertEquals(2, run("--root", missing.toString(), "--users", users.toString(), "0"));
        assertEquals("ftpserver: " + missing + " is not a folder (choose one with --root DIR)", err.toString().strip());
    }

    @Test
    void rootThatIsAFileExitsTwo() {
        assertEquals(2, run("--root", users.toString(), "--users", users.toString(), "0"));
        assertEquals("ftpserver: " + users + " is not a folder (choose one with --root DIR)", err.toString().strip());
    }

    @Test
    void portAlreadyInUseExitsTwoSayingSo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertEquals(2, run("--bind", "127.0.0.1", "--root", root.toString(), "--users", users.toString(),
                    String.valueOf(port)));
            assertEquals("ftpserver: cannot listen on 127.0.0.1:" + port + ": address already in use",
                    err.toString().strip());
        }
    }

    @Test
    void maxClientsBelowOneExitsTwo() {
        assertEquals(2, run("--max-clients", "0"));
        assertEquals("ftpserver: --max-clients must be at least 1", err.toString().strip());
    }

    @Test
    void aSendBudgetBelowOneShareOrAboveAGibibyteExitsTwo() {
        for (String kib : new String[] {"63", "-1", "1048577"}) {
            err.getBuffer().setLength(0);
            assertEquals(2, run("--send-budget", kib), kib);
            assertEquals("ftpserver: --send-budget must be 0 (off) or 64-1048576 KiB", err.toString().strip(), kib);
        }
    }

    @Test
    void anUnknownLogLevelExitsTwo() {
        assertEquals(2, run("--log-level", "loud"));
        assertEquals("ftpserver: --log-level must be error, warn, info or debug", err.toString().strip());
    }

    @Test
    void negativeGraceExitsTwo() {
        assertEquals(2, run("--grace", "-1"));
        assertEquals("ftpserver: --grace must not be negative", err.toString().strip());
    }

    @Test
    void idleTimeoutBelowOneSecondExitsTwo() {
        assertEquals(2, run("--idle-timeout", "0"));
        assertEquals("ftpserver: --idle-timeout must be at least 1 second", err.toString().strip());
    }

    @Test
    void negativeLockTimeoutExitsTwo() {
        assertEquals(2, run("--lock-timeout", "-1"));
        assertEquals("ftpserver: --lock-timeout must not be negative", err.toString().strip());
    }

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
