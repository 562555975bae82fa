package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reads the control connection (FtpSession's Reading): the session's own thread between commands, and a reader
 * thread of its own once a transfer has run for FtpSessions.WATCH_AFTER, so that ABOR is heard. These go from one to
 * the other and back within a session, with the replies in order, ABOR heard, and the timeouts kept either way.
 */
@Timeout(30)
class FtpControlReadingTest {
    @TempDir
    Path dir;

    @Test
    void commandsSentTogetherAreAnsweredInOrderBeforeAndAfterATransferIsWatched() throws Exception {
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            byte[] small = FtpTestServer.random(4096);
            Files.write(server.root.resolve("small.bin"), small);
            Files.write(server.root.resolve("big.bin"), new byte[64 << 20]);
            ftp.login("demo", "demo");
            ftp.write("TYPE I\r\nNOOP\r\nPWD\r\n");
            assertEquals(200, RawFtp.code(ftp.reply()));
            assertEquals(200, RawFtp.code(ftp.reply()));
            assertEquals(257, RawFtp.code(ftp.reply()));
            for (int i = 0; i < 3; i++) assertArrayEquals(small, retrieve(ftp, "small.bin"), "short transfers");

            abortedDownload(ftp, "big.bin"); // now a reader thread reads the control connection

            ftp.write("NOOP\r\nPWD\r\nNOOP\r\n");
            assertEquals(200, RawFtp.code(ftp.reply()));
            assertEquals(257, RawFtp.code(ftp.reply()));
            assertEquals(200, RawFtp.code(ftp.reply()));
            assertArrayEquals(small, retrieve(ftp, "small.bin"), "a transfer after the reader took over");
            abortedDownload(ftp, "big.bin");
            assertEquals("226 ABOR done; no transfer in progress", ftp.send("ABOR"), "ABOR without a transfer");
        }
    }

    @Test
    void aborIsHeardWhileTheServerWaitsForAPassiveDataConnectionThatNeverComes() throws Exception {
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            Files.write(server.root.resolve("small.bin"), FtpTestServer.random(4096));
            ftp.login("demo", "demo");
            RawFtp.pasvPort(ftp.send("PASV"));
            ftp.write("RETR small.bin\r\n"); // and no data connection: the server waits for it
            ftp.write("ABOR\r\n");
            assertEquals(150, RawFtp.code(ftp.reply()));
            // RawFtp gives up on a reply after 5 s, and the server waits 30 s for a data connection: ABOR ends it.
            assertEquals("426 Transfer aborted by ABOR", ftp.reply());
            assertEquals(226, RawFtp.code(ftp.reply()), "then ABOR's own reply");
            assertEquals(200, RawFtp.code(ftp.send("NOOP")));
        }
    }

    @Test
    void theIdleTimeoutHoldsWhetherTheSessionOrAReaderThreadReads() throws Exception {
        Path root = dir.resolve("root");
        try (var server = FtpTestServer.start(root, dir.resolve("users.txt"), Duration.ofMillis(1500))) {
            Files.write(root.resolve("big.bin"), new byte[64 << 20]);
            try (var ftp = RawFtp.connect(server.ftpPort())) {
                ftp.login("demo", "demo");
                assertEquals(421, RawFtp.code(ftp.reply()), "idle, read by the session's thread");
                ftp.assertClosedByServer();
            }
            try (var ftp = RawFtp.connect(server.ftpPort())) {
                ftp.login("demo", "demo");
                abortedDownload(ftp, "big.bin");
                assertEquals(200, RawFtp.code(ftp.send("NOOP")));
                assertEquals(421, RawFtp.code(ftp.reply()), "idle, read by the reader thread");
                ftp.assertClosedByServer();
            }
        }
    }

    @Test
    void aClientSendingAByteNowAndThenIsStillTimedOut() throws Exception {
        Path root = dir.resolve("root");
        try (var server = FtpTestServer.start(root, dir.resolve("users.txt"), Duration.ofMillis(1500))) {
            for (byte[] drip : new byte[][] {{'N'}, {(byte) 0xFF, (byte) 0xF1}}) { // a letter; Telnet IAC NOP
                try (var ftp = RawFtp.connect(server.ftpPort())) {
                    // The slow client is what is tested: a byte every 200 ms restarts a per-read timeout each time.
                    Thread dripping = Thread.ofVirtual().start(() -> {
                        try {
                            for (int i = 0; i < 50; i++) {
                                ftp.write(new String(drip, java.nio.charset.StandardCharsets.ISO_8859_1));
                                Thread.sleep(200);
                            }
                        } catch (Exception closed) {
                            // the server closed the connection, as it should
                        }
                    });
                    long start = System.nanoTime();
                    assertTrue(ftp.reply().startsWith("421 No login for"), "within RawFtp's 5 s");
                    assertTrue(System.nanoTime() - start >= 1_000_000_000L, "not before the login timeout");
                    dripping.interrupt();
                }
            }
        }
    }

    @Test
    void aborIsHeardWhileTheServerConnectsToAClientThatDoesNotAnswer() throws Exception {
        // A listener whose backlog is full: the kernel drops further connection attempts, so connect() waits.
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort());
             var full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.util.List<Socket> queued = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (java.net.SocketTimeoutException backlogFull) {
                        s.close();
                        break;
                    }
                }
                Files.write(server.root.resolve("small.bin"), FtpTestServer.random(4096));
                ftp.login("demo", "demo");
                int port = full.getLocalPort();
                assertEquals(200, RawFtp.code(ftp.send("PORT 127,0,0,1," + (port >> 8) + "," + (port & 255))));
                assertEquals(150, RawFtp.code(ftp.send("RETR small.bin")));
                ftp.write("ABOR\r\n"); // the server waits up to 30 s for its connection; RawFtp, 5 s for a reply
                assertEquals("426 Transfer aborted by ABOR", ftp.reply());
                assertEquals(226, RawFtp.code(ftp.reply()));
                assertEquals(200, RawFtp.code(ftp.send("NOOP")));
            } finally {
                for (Socket s : queued) s.close();
            }
        }
    }

    @Test
    void aTooLongLineCutByTheEndOfTheStreamIsNotRunAsACommand() throws Exception {
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            ftp.write("NOOP" + "x".repeat(5000)); // no line end: the client then closes its side
            ftp.shutdownOutput();
            assertEquals(500, RawFtp.code(ftp.reply()), "too long, not the first 4,096 bytes as a command");
        }
    }

    @Test
    void aborIsHeardDuringTheShutdownGracePeriod() throws Exception {
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            Files.write(server.root.resolve("big.bin"), new byte[64 << 20]);
            ftp.login("demo", "demo");
            int port = RawFtp.pasvPort(ftp.send("PASV"));
            try (Socket data = new Socket("127.0.0.1", port)) {
                assertEquals(150, RawFtp.code(ftp.send("RETR big.bin")));
                data.getInputStream().readNBytes(4096); // under way, and most likely not yet watched
                Thread closing = Thread.ofVirtual().start(server::close); // lets transfers finish for 2 s
                ftp.write("ABOR\r\n");
                assertEquals(426, RawFtp.code(ftp.reply()), "heard within the grace period");
                String next = ftp.reply();
                assertTrue(next.startsWith("226 ") || next.startsWith("421 "), next); // ABOR's, or the shutdown's
                closing.join(java.time.Duration.ofSeconds(10));
            }
        }
    }

    /** A download of a file too big for the socket buffers, aborted once under way: 426, then 226. */
    private static void abortedDownload(RawFtp ftp, String file) throws Exception {
        int port = RawFtp.pasvPort(ftp.send("PASV"));
        try (Socket data = new Socket("127.0.0.1", port)) {
            assertEquals(150, RawFtp.code(ftp.send("RETR " + file)));
            InputStream in = data.getInputStream();
            in.readNBytes(4096); // under way; the server's thread now blocks writing, and reads no command
            assertEquals(426, RawFtp.code(ftp.send("ABOR")));
            assertEquals("226 ABOR done; the transfer was aborted", ftp.reply());
        }
    }

    private static byte[] retrieve(RawFtp ftp, String file) throws Exception {
        int port = RawFtp.pasvPort(ftp.send("PASV"));
        try (Socket data = new Socket("127.0.0.1", port)) {
            assertEquals(150, RawFtp.code(ftp.send("RETR " + file)));
            byte[] content = data.getInputStream().readAllBytes();
            assertEquals(226, RawFtp.code(ftp.reply()));
            return content;
        }
    }
}
