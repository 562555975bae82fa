package ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ConsoleTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();

    @Test
    void statusWithoutClientsSaysSo() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertTrue(console(server, "").execute("status"));
            assertEquals("0 clients connected, 0 transfers in flight" + System.lineSeparator(), out.toString());
        }
    }

    @Test
    void statusListsEachClientWithItsUserAndActivity() throws Exception {
        try (var server = TestServer.start(dir, 100, Duration.ofMillis(200), Duration.ofSeconds(30));
             var idle = server.login();
             var uploading = server.login();
             var anonymous = server.connect()) {
            assertEquals(RawClient.ACCEPTED, uploading.ask(new Frame.Upload("up.bin", 10, false)));
            TestServer.await("three sessions", () -> server.server.status().size() == 3);

            assertTrue(console(server, "").execute("status"));

            String[] lines = out.toString().split(System.lineSeparator());
            assertEquals("3 clients connected, 1 transfers in flight", lines[0]);
            assertEquals(4, lines.length, out.toString());
            String status = out.toString();
            assertTrue(status.contains("  conn=" + uploading.socket().getLocalSocketAddress() + " user=alice upload up.bin"), status);
            assertTrue(status.contains("  conn=" + idle.socket().getLocalSocketAddress() + " user=alice idle"), status);
            assertTrue(status.contains("  conn=" + anonymous.socket().getLocalSocketAddress() + " user=- idle"), status);
        }
    }

    @Test
    void helpListsTheCommands() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertTrue(console(server, "").execute("help"));
            assertTrue(out.toString().startsWith("Console commands:"), out.toString());
            for (String command : new String[] {"status", "reload", "shutdown", "help"}) {
                assertTrue(out.toString().contains("  " + command + " "), command);
            }
            out.getBuffer().setLength(0);
            assertTrue(console(server, "").execute("?"));
            assertTrue(out.toString().startsWith("Console commands:"));
        }
    }

    @Test
    void reloadReadsTheUsersFileAgainAndSaysHowItWent() throws Exception {
        try (var server = TestServer.start(dir)) {
            Path users = dir.resolve("users.txt");
            Files.writeString(users, "alice:secret\nbob:pa:ss\ncarol:new\n");
            assertTrue(console(server, "").execute("reload"));
            assertEquals("loaded 3 users from " + users + System.lineSeparator(), out.toString());
            server.login("carol", "new").close();

            out.getBuffer().setLength(0);
            Files.writeString(users, "broken\n");
            assertTrue(console(server, "").execute("reload"));
            assertEquals(users + ":1: expected name:password; keeping the 3 users loaded before" + System.lineSeparator(),
                    out.toString());
            server.login("carol", "new").close();
        }
    }

    @Test
    void unknownCommandIsNamedAndPointsToHelp() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertTrue(console(server, "").execute("reboot now"));
            assertEquals("unknown command 'reboot now'; type help" + System.lineSeparator(), out.toString());
        }
    }

    @Test
    void emptyLinePrintsNothing() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertTrue(console(server, "").execute(""));
            assertEquals("", out.toString());
        }
    }

    @Test
    void shutdownClosesTheServerAndEndsTheConsole() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertFalse(console(server, "").execute("shutdown"));
            assertEquals(new Frame.Bye("server shutting down"), client.read());
            server.server.awaitClosed();
        }
    }

    @Test
    void stopIsAnotherNameForShutdown() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertFalse(console(server, "").execute("stop"));
            server.server.awaitClosed();
        }
    }

    @Test
    void consoleReadsCommandsUntilShutdownAndIgnoresTheRest() throws Exception {
        try (var server = TestServer.start(dir)) {
            console(server, "  help  \nshutdown\nstatus\n").run();
            assertTrue(out.toString().startsWith("Console commands:"), "lines are stripped");
            assertFalse(out.toString().contains("clients connected"), "nothing runs after shutdown");
            server.server.awaitClosed();
        }
    }

    @Test
    void endOfConsoleInputLeavesTheServerRunning() throws Exception {
        try (var server = TestServer.start(dir)) {
            Files.writeString(server.root.resolve("a.txt"), "still here");
            console(server, "status\n").run();
            try (var client = server.login()) {
                assertEquals("still here", new String(client.get("a.txt")));
            }
        }
    }

    private Console console(TestServer server, String input) {
        return new Console(new BufferedReader(new StringReader(input)), new PrintWriter(out, true), server.server);
    }
}
