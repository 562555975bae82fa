package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.LineInput;
import ferry.client.repl.Main;
import ferry.client.repl.Shell;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** ftpclient as a user drives it through piped standard input: answers, commands, messages and exit codes. */
@Timeout(30)
class ReplTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ftpclient(String stdin, String... args) {
        return new CommandLine(new Main(LineInput.of(new StringReader(stdin)), dir))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void pipedSessionGetsListsAndExitsZero() throws Exception {
        try (var server = TestServer.start(dir)) {
            TestServer.copyTestFile("downloadTestFile1.jpg", server.root);
            int code = ftpclient("demo\ndemo\nget downloadTestFile1.jpg\nlist\nexit\n", String.valueOf(server.port()));
            assertEquals(Shell.OK, code, err::toString);
            SeedDemoTest.assertSameContent(TestServer.TESTFILES.resolve("downloadTestFile1.jpg"), dir.resolve("newDownloadTestFile1.jpg"));
            assertTrue(out.toString().contains("get downloadTestFile1.jpg -> newDownloadTestFile1.jpg: 292.9 KB in"), out::toString);
            assertTrue(out.toString().contains("downloadTestFile1.jpg\n1 entry"), out::toString);
            assertFalse(out.toString().contains("Password"), "no prompts when stdin is not a terminal");
        }
    }

    @Test
    void wrongPasswordAndUnknownUserExitThreeWithTheSameMessage() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertEquals(Shell.CONNECTION, ftpclient("demo\nwrong\n", String.valueOf(server.port())));
            assertEquals(Shell.CONNECTION, ftpclient("nobody\ndemo\n", String.valueOf(server.port())));
            assertEquals("""
                    ftpclient: login failed: wrong user name or password
                    ftpclient: login failed: wrong user name or password
                    """, err.toString());
        }
    }

    @Test
    void userOptionSkipsTheUserNameQuestion() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertEquals(Shell.OK, ftpclient("s3cret:with:colons\nlist\n", "--user", "alice", String.valueOf(server.port())));
        }
    }

    @Test
    void noServerListeningExitsThree() throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertEquals(Shell.CONNECTION, ftpclient("", "--host", "127.0.0.1", String.valueOf(port)));
        assertTrue(err.toString().startsWith("ftpclient: cannot connect to 127.0.0.1:" + port), err::toString);
    }

    @Test
    void failedCommandsAreOneLineEachAndTheSessionGoesOnButExitsOne() throws Exception {
        try (var server = TestServer.start(dir)) {
            TestServer.copyTestFile("downloadTestFile1.jpg", server.root);
            int code = ftpclient("""
                    demo
                    demo
                    get nothere.jpg
                    get ../users.txt
                    get /etc/passwd
                    frobnicate
                    get
                    get downloadTestFile1.jpg
                    """, String.valueOf(server.port()));
            assertEquals(Shell.FAILED, code);
            assertEquals("""
                    error: no such file or folder: ~/nothere.jpg
                    error: no such file or folder: ../users.txt
                    error: /etc/passwd: absolute paths are not allowed (~/ is your home)
                    error: unknown command 'frobnicate'; type help for the list
                    error: Missing required parameter: 'REMOTE'
                    usage: get [-cfr] [--compress] REMOTE [LOCAL]
                    """, err.toString());
            assertTrue(Files.exists(dir.resolve("newDownloadTestFile1.jpg")), "the last command still ran");
        }
    }

    @Test
    void explicitTargetsAreNotOverwrittenWithoutForce() throws Exception {
        try (var server = TestServer.start(dir)) {
            Files.writeString(server.root.resolve("a.txt"), "server a");
            Files.writeString(dir.resolve("mine.txt"), "local");
            Shell shell = server.shell(dir, out, err);

            assertEquals(Shell.FAILED, shell.execute("get a.txt mine.txt"));
            assertEquals("local", Files.readString(dir.resolve("mine.txt")));
            assertEquals(Shell.OK, shell.execute("get -f a.txt mine.txt"));
            assertEquals("server a", Files.readString(dir.resolve("mine.txt")));

            Files.writeString(dir.resolve("b.txt"), "local b");
            assertEquals(Shell.FAILED, shell.execute("put b.txt a.txt"));
            assertEquals("server a", Files.readString(server.root.resolve("a.txt")));
            assertEquals(Shell.OK, shell.execute("put -f b.txt a.txt"));
            assertEquals("local b", Files.readString(server.root.resolve("a.txt")));
            assertEquals("""
                    error: %s exists; use -f to overwrite it
                    error: ~/a.txt already exists
                    """.formatted(dir.resolve("mine.txt")), err.toString());
        }
    }

    @Test
    void getIntoAFolderKeepsTheRemoteName() throws Exception {
        try (var server = TestServer.start(dir)) {
            byte[] content = TestServer.random(5000, 1);
            Files.write(server.root.resolve("data.bin"), content);
            Files.createDirectories(dir.resolve("inbox"));
            Shell shell = server.shell(dir, out, err);
            assertEquals(Shell.OK, shell.execute("get data.bin inbox"));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("inbox/data.bin")));
            assertEquals(Shell.OK, shell.execute("upload inbox/data.bin \"with space.bin\""));
            assertArrayEquals(content, Files.readAllBytes(server.root.resolve("with space.bin")));
        }
    }

    @Test
    void helpListsEveryCommandAndHelpCommandGivesItsUsage() throws Exception {
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(dir, out, err);
            assertEquals(Shell.OK, shell.execute("help"));
            for (String command : new String[] {"get", "upload, put", "list, ls", "stat", "cd", "pwd", "mkdir", "rmdir",
                    "delete, rm", "rename, mv", "lcd", "lpwd", "lls", "exit, quit, logout", "help",
                    "reget", "reput", "mget", "mput", "compress"}) {
                assertTrue(out.toString().contains("  " + command), () -> command + " missing from\n" + out);
            }
            assertEquals(Shell.OK, shell.execute("help upload"));
            assertTrue(out.toString().contains("Usage: upload [-cfr] [--compress] LOCAL [REMOTE]"), out::toString);
        }
    }

    @Test
    void endOfInputLogsOutCleanly() throws Exception {
        try (var server = TestServer.start(dir)) {
            assertEquals(Shell.OK, ftpclient("demo\ndemo\nlist\n", String.valueOf(server.port())));
            assertEquals("", err.toString());
        }
    }
}
