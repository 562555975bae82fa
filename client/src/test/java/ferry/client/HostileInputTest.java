package ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.LineInput;
import ferry.client.repl.Main;
import ferry.client.repl.Shell;
import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Input meant to break things, found in review: each is refused in one clear line and nothing else breaks. */
@Timeout(30)
class HostileInputTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void anOversizedFrameInsteadOfHelloGetsAShortBadRequest() throws Exception {
        try (var server = TestServer.start(dir); Socket socket = new Socket("127.0.0.1", server.port())) {
            new FrameWriter(socket.getOutputStream()).write(new Frame.Rename("a".repeat(3000), "b".repeat(3000)));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "expected HELLO, got Rename"),
                    new FrameReader(socket.getInputStream()).read());
        }
    }

    @Test
    void longPathsOfEmojiAreRefusedWithAMessageNotACrash() throws Exception {
        try (var server = TestServer.start(dir); Connection client = server.connect()) {
            String emoji = "a" + "\uD83D\uDE00".repeat(300);
            assertTrue(assertThrows(TransferException.class, () -> client.stat(emoji)).getMessage().endsWith("path longer than 1024 bytes"));
            String long1023 = "d".repeat(971) + "\uD83D\uDE00".repeat(13);
            assertThrows(TransferException.class, () -> client.stat(long1023));
            assertEquals("~", client.pwd(), "the session goes on");
        }
    }

    @Test
    void controlCharactersInNamesAreRefusedSoNoOneCanForgeALogLineOrATerminal() throws Exception {
        try (var server = TestServer.start(dir); Connection client = server.connect()) {
            Path file = Files.writeString(dir.resolve("x.txt"), "x");
            String forged = "evil\n2026-11-23 12:00:00.000 INFO Session - user=root logged in";
            assertEquals("evil?2026-11-23 12:00:00.000 INFO Session - user=root logged in: control character in path",
                    assertThrows(TransferException.class, () -> client.upload(file, forged, false)).getMessage());
            assertThrows(TransferException.class, () -> client.mkdir("a\u001b[2Jb"));
            try (var files = Files.list(server.root)) {
                assertEquals(0, files.count());
            }
        }
    }

    @Test
    void aLoginIsNotHeldUpByAnotherUsersDownloadUnderTheSameParentFolder() throws Exception {
        String users = "alice home=homes/alice:a\nbob home=homes/bob:b\n";
        try (var server = TestServer.start(dir, users, Duration.ofSeconds(5), Duration.ofMillis(300));
             Socket stalled = new Socket("127.0.0.1", server.port())) {
            server.connect("bob", "b").quit();
            Files.write(server.root.resolve("homes/bob/big.bin"), new byte[16 << 20]);
            FrameWriter writer = new FrameWriter(stalled.getOutputStream());
            FrameReader reader = new FrameReader(stalled.getInputStream());
            writer.write(new Frame.Hello(Wire.VERSION));
            reader.read();
            writer.write(new Frame.Login("bob", "b"));
            reader.read();
            writer.write(new Frame.Get("big.bin"));
            assertTrue(reader.read() instanceof Frame.Ready); // bob now holds homes and homes/bob shared, for long
            try (Connection alice = server.connect("alice", "a"); Connection again = server.connect("alice", "a")) {
                assertEquals("created ~/docs", alice.mkdir("docs"));
                assertEquals(1, again.list("").size());
            }
        }
    }

    @Test
    void aFifoIsRefusedInsteadOfBlockingTheSession() throws Exception {
        try (var server = TestServer.start(dir); Connection client = server.connect()) {
            Process mkfifo = new ProcessBuilder("mkfifo", server.root.resolve("pipe").toString()).start();
            assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
            assertEquals("~/pipe: is not a regular file",
                    assertThrows(TransferException.class, () -> client.get("pipe", dir.resolve("p"), false)).getMessage());
            assertThrows(TransferException.class, () -> client.stat("pipe"));
            assertEquals("~", client.pwd());
        }
    }

    @Test
    void clientRefusesBadOptionsAndValuesInOneLine() throws Exception {
        int code = new CommandLine(new Main(LineInput.of(new StringReader("")), dir))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--timeout", "-1", "5106");
        assertEquals(Shell.USAGE, code);
        assertEquals("ftpclient: --timeout must be 1-86400 seconds\n", err.toString());
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(dir, out, err);
            err.getBuffer().setLength(0);
            assertEquals(Shell.FAILED, shell.execute("upload /"));
            assertEquals(Shell.FAILED, shell.execute("mkdir " + "m".repeat(5000)));
            String[] lines = err.toString().split("\n");
            assertEquals(2, lines.length, err::toString);
            assertEquals("error: / is a folder", lines[0]);
            assertFalse(err.toString().contains("\tat "), "no stack trace");
        }
    }

    @Test
    void llsListsAFolderHoldingADanglingLink() throws Exception {
        Files.writeString(dir.resolve("real.txt"), "r");
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
        try (var server = TestServer.start(dir.resolve("server"))) {
            Shell shell = server.shell(dir, out, err);
            assertEquals(Shell.OK, shell.execute("lls"), err::toString);
            assertTrue(out.toString().contains("real.txt"), out::toString);
        }
    }
}
