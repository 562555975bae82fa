package ferry.server.ftp;

import static ferry.server.ftp.RawFtp.code;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The idle timeout, the console's status and shutdown, as they concern FTP sessions. */
@Timeout(30)
class FtpLifecycleTest {
    @TempDir
    Path dir;

    private FtpTestServer start(Duration idleTimeout) throws Exception {
        return FtpTestServer.start(Files.createDirectories(dir.resolve("root")), dir.resolve("users.txt"), idleTimeout);
    }

    @Test
    void anIdleControlConnectionIsAnswered421AndClosed() throws Exception {
        try (var server = start(Duration.ofMillis(300)); var raw = RawFtp.connect(server.ftpPort())) {
            raw.login("demo", "demo");
            String bye = raw.reply(); // unasked: the server speaks when the idle timeout fires (read bounded by 5 s)
            assertEquals(421, code(bye), bye);
            raw.assertClosedByServer();
        }
    }

    @Test
    void aConnectionThatNeverLogsInIsClosedWhenIdle() throws Exception {
        try (var server = start(Duration.ofMillis(300)); var raw = RawFtp.connect(server.ftpPort())) {
            assertEquals(421, code(raw.reply()));
            raw.assertClosedByServer();
        }
    }

    @Test
    void statusListsTheFtpSessionsAndTheirUsers() throws Exception {
        try (var server = start(Duration.ofSeconds(30)); var anonymous = RawFtp.connect(server.ftpPort())) {
            server.login("demo", "demo");
            server.login("alice", "a");
            TestServer.await("three FTP sessions, idle", () -> {
                List<String> status = server.server.status();
                return status.size() == 3 && status.stream().allMatch(line -> line.contains(" ftp ") && line.endsWith(" idle"));
            });
            String status = String.join("\n", server.server.status());
            assertTrue(status.contains("ftp user=demo idle"), status);
            assertTrue(status.contains("ftp user=alice idle"), status);
            assertTrue(status.contains("ftp user=- idle"), status);
        }
    }

    /** The console's status names the user from the moment the client read 230, not a moment later. */
    @Test
    void statusNamesTheUserOnceTheClientHasRead230() throws Exception {
        try (var server = start(Duration.ofSeconds(30))) {
            for (int i = 0; i < 100; i++) {
                try (var raw = RawFtp.connect(server.ftpPort())) {
                    raw.login("demo", "demo");
                    List<String> status = server.server.status();
                    assertTrue(status.stream().anyMatch(line -> line.contains("ftp user=demo ")), "after 230, try " + i + ": " + status);
                }
                TestServer.await("the session gone", () -> server.server.status().isEmpty());
            }
        }
    }

    @Test
    void closingTheServerSays421ToAnIdleClientAndClosesItsConnection() throws Exception {
        try (var server = start(Duration.ofSeconds(30)); var raw = RawFtp.connect(server.ftpPort())) {
            raw.login("demo", "demo");
            TestServer.await("demo's session idle", () -> server.server.status().stream().anyMatch(line -> line.endsWith("user=demo idle")));
            Thread closer = Thread.ofVirtual().start(server.server::close);
            String bye = raw.reply();
            assertEquals(421, code(bye), bye);
            raw.assertClosedByServer();
            assertTrue(closer.join(Duration.ofSeconds(10)), "close() returned");
            assertEquals(List.of(), server.server.status());
        }
    }

    @Test
    void aStorWhoseDataConnectionStaysSilentIsAbortedAfterTheIdleTimeout() throws Exception {
        try (var server = start(Duration.ofMillis(500)); var raw = RawFtp.connect(server.ftpPort()); var data = new Socket()) {
            raw.login("demo", "demo");
            assertEquals(200, code(raw.send("TYPE I")));
            String pasv = raw.send("PASV");
            data.connect(new InetSocketAddress("127.0.0.1", RawFtp.pasvPort(pasv)), 5_000);
            assertEquals(150, code(raw.send("STOR slow.bin")));
            // Send nothing and keep the data connection open. Like the framed protocol (whose reads time out and
            // whose watchdog cuts stalled transfers), the server must give up within about the idle timeout, so
            // that the session and the path's lock are freed. The read below waits at most 5 s.
            String reply = raw.reply();
            assertEquals(4, code(reply) / 100, reply);
            FTPClient other = server.login("demo", "demo");
            assertTrue(other.storeFile("slow.bin", new ByteArrayInputStream(new byte[] {1})), "the lock is free again: " + other.getReplyString());
            assertArrayEquals(new byte[] {1}, Files.readAllBytes(server.root.resolve("slow.bin")));
        }
    }

    @Test
    void aRetrWhoseClientStopsReadingIsCutWithAReplyThatSaysWhy() throws Exception {
        try (var server = start(Duration.ofMillis(500)); var raw = RawFtp.connect(server.ftpPort()); var data = new Socket()) {
            try (var file = java.nio.channels.FileChannel.open(server.root.resolve("big.bin"),
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                file.write(java.nio.ByteBuffer.allocate(1), (128L << 20) - 1); // far more than the sockets hold
            }
            raw.login("demo", "demo");
            assertEquals(200, code(raw.send("TYPE I")));
            data.connect(new InetSocketAddress("127.0.0.1", RawFtp.pasvPort(raw.send("PASV"))), 5_000);
            assertEquals(150, code(raw.send("RETR big.bin")));
            String reply = raw.reply(); // the data connection is never read; the watchdog cuts it
            assertEquals("426 Transfer aborted: the client read nothing for 500 ms", reply);
        }
    }
}
