package ferry.server.ftp;

import static ferry.server.ftp.FtpTestServer.random;
import static ferry.server.ftp.FtpTestServer.retrieve;
import static ferry.server.ftp.FtpTestServer.store;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** REST with RETR and STOR, APPE (RFC 3659 5), and TYPE A line ends (RFC 959 3.1.1.1). */
@Timeout(30)
class FtpResumeAndAsciiTest {
    @TempDir
    Path dir;
    private FtpTestServer server;
    private FTPClient ftp;
    private final byte[] content = random(50_000);

    @BeforeEach
    void logIn() throws Exception {
        server = FtpTestServer.start(dir);
        ftp = server.login("demo", "demo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path file(String name) {
        return server.root.resolve(name);
    }

    @Test
    void restThenRetrDownloadsTheTail() throws Exception {
        Files.write(file("r.bin"), content);
        ftp.setRestartOffset(12_345);
        assertArrayEquals(Arrays.copyOfRange(content, 12_345, content.length), retrieve(ftp, "r.bin"));
        ftp.setRestartOffset(0);
        assertArrayEquals(content, retrieve(ftp, "r.bin"), "REST applies to one transfer only");
    }

    @Test
    void restBeyondTheEndIsAnswered554() throws Exception {
        Files.write(file("r.bin"), content);
        ftp.setRestartOffset(content.length + 1);
        assertFalse(ftp.retrieveFile("r.bin", new ByteArrayOutputStream()));
        assertEquals(554, ftp.getReplyCode());
    }

    @Test
    void restThenStorResumesAnUpload() throws Exception {
        store(ftp, "u.bin", Arrays.copyOf(content, 20_000));
        ftp.setRestartOffset(20_000);
        store(ftp, "u.bin", Arrays.copyOfRange(content, 20_000, content.length));
        assertArrayEquals(content, Files.readAllBytes(file("u.bin")));
    }

    @Test
    void restThenStorCutsWhatLayBeyondTheResumedPart() throws Exception {
        byte[] partialWithJunk = Arrays.copyOf(Arrays.copyOf(content, 20_000), 60_000); // zeros after the good part
        Files.write(file("u.bin"), partialWithJunk);
        ftp.setRestartOffset(20_000);
        store(ftp, "u.bin", Arrays.copyOfRange(content, 20_000, content.length));
        assertArrayEquals(content, Files.readAllBytes(file("u.bin")));
    }

    @Test
    void aCutResumeAtTheEndKeepsWhatArrivedSoThatItCanResumeAgain() throws Exception {
        byte[] whole = random(400_000);
        Files.write(file("u.bin"), Arrays.copyOf(whole, 20_000));
        String reply = cutStor("u.bin", 20_000, Arrays.copyOfRange(whole, 20_000, 300_000), () -> Files.size(file("u.bin")));
        assertEquals(426, RawFtp.code(reply), reply);
        long kept = Files.size(file("u.bin"));
        assertTrue(kept >= 20_000 + 65_536 && kept <= 300_000, "kept " + kept);
        assertArrayEquals(Arrays.copyOf(whole, (int) kept), Files.readAllBytes(file("u.bin")));
        ftp.setRestartOffset(kept);
        store(ftp, "u.bin", Arrays.copyOfRange(whole, (int) kept, whole.length));
        assertArrayEquals(whole, Files.readAllBytes(file("u.bin")));
    }

    @Test
    void aCutRestStorInsideAFileLeavesTheFileAsItWas() throws Exception {
        byte[] old = random(500_000);
        Files.write(file("u.bin"), old);
        String reply = cutStor("u.bin", 12_000, new byte[300_000], () -> {
            try (var temps = Files.list(server.root)) { // the new version, beside the file
                return temps.filter(f -> f.getFileName().toString().startsWith(ferry.server.storage.Storage.UPLOAD_PREFIX))
                        .mapToLong(f -> f.toFile().length()).sum();
            }
        });
        assertEquals(426, RawFtp.code(reply), reply);
        assertArrayEquals(old, Files.readAllBytes(file("u.bin")));
        try (var left = Files.list(server.root)) {
            assertEquals(java.util.List.of(file("u.bin")), left.toList(), "the new version is gone");
        }
    }

    /**
     * REST {@code offset} and STOR {@code name} over a raw connection: sends {@code data}, waits until {@code written}
     * shows that the server wrote {@code offset} + 64 KiB (its first full buffer), then resets the data
     * connection. Returns the transfer's final reply.
     */
    private String cutStor(String name, long offset, byte[] data, java.util.concurrent.Callable<Long> written) throws Exception {
        try (RawFtp raw = RawFtp.connect(server.ftpPort())) {
            raw.login("demo", "demo");
            assertEquals(200, RawFtp.code(raw.send("TYPE I")));
            int port = RawFtp.pasvPort(raw.send("PASV"));
            assertEquals(350, RawFtp.code(raw.send("REST " + offset)));
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                assertEquals(150, RawFtp.code(raw.send("STOR " + name)));
                socket.getOutputStream().write(data);
                socket.getOutputStream().flush();
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (written.call() < offset + 65_536 && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polls every millisecond
                }
                assertTrue(written.call() >= offset + 65_536, "the server wrote 64 KiB within 10 s");
                socket.setSoLinger(true, 0); // closed with a reset: a broken transfer, not the end of the data
            }
            return raw.reply();
        }
    }

    @Test
    void restBeforeStouIsUsedUpAndTheNextTransferStartsAtZero() throws Exception {
        Files.write(file("r.bin"), content);
        assertEquals(350, ftp.sendCommand("REST", "100"));
        assertTrue(ftp.storeUniqueFile(new ByteArrayInputStream(content)), ftp::getReplyString);
        assertArrayEquals(content, retrieve(ftp, "r.bin"), "REST applied to the STOU (ignored), not to this RETR");
    }

    @Test
    void restIsUsedUpByATransferCommandThatFailsBeforeItsTransfer() throws Exception {
        Files.write(file("r.bin"), content);
        assertEquals(350, ftp.sendCommand("REST", "100"));
        assertEquals(550, ftp.sendCommand("STOR", "bad\\name"), ftp::getReplyString);
        assertArrayEquals(content, retrieve(ftp, "r.bin"), "REST applies to the next transfer command only");
    }

    @Test
    void appeAppendsTheRestOfAnUpload() throws Exception {
        store(ftp, "a.bin", Arrays.copyOf(content, 7_000));
        assertTrue(ftp.appendFile("a.bin", new ByteArrayInputStream(Arrays.copyOfRange(content, 7_000, content.length))));
        assertArrayEquals(content, Files.readAllBytes(file("a.bin")));
        assertTrue(ftp.appendFile("new.bin", new ByteArrayInputStream(content)), "APPE creates a missing file");
        assertArrayEquals(content, Files.readAllBytes(file("new.bin")));
    }

    @Test
    void typeASendsLfAsCrLfAndKeepsCrLf() throws Exception {
        Files.writeString(file("t.txt"), "one\ntwo\r\nthree\n", US_ASCII);
        assertEquals(200, ftp.sendCommand("TYPE", "A")); // behind Commons Net's back, so that it converts nothing
        assertEquals("one\r\ntwo\r\nthree\r\n", new String(retrieve(ftp, "t.txt"), US_ASCII));
    }

    @Test
    void typeAStoresCrLfAsLfAndKeepsALoneCr() throws Exception {
        assertEquals(200, ftp.sendCommand("TYPE", "A"));
        store(ftp, "t.txt", "x\r\ny\r\nlone\rcr\r\nend\r".getBytes(US_ASCII));
        assertEquals("x\ny\nlone\rcr\nend\r", Files.readString(file("t.txt"), US_ASCII));
    }

    @Test
    void typeIMovesBytesUnchanged() throws Exception {
        byte[] text = "a\r\nb\nc\r".getBytes(US_ASCII);
        store(ftp, "t.txt", text);
        assertArrayEquals(text, Files.readAllBytes(file("t.txt")));
        assertArrayEquals(text, retrieve(ftp, "t.txt"));
    }

    @Test
    void commonsNetAsciiModeRoundTripsAndTheFileKeepsLf() throws Exception {
        assertTrue(ftp.setFileType(FTP.ASCII_FILE_TYPE));
        byte[] text = "first line\nsecond line\n".getBytes(US_ASCII);
        store(ftp, "t.txt", text);
        assertArrayEquals(text, Files.readAllBytes(file("t.txt")));
        assertArrayEquals(text, retrieve(ftp, "t.txt"));
    }

    @Test
    void asciiIsTheTypeUntilTypeIsSent() throws Exception {
        try (var raw = RawFtp.connect(server.ftpPort())) {
            raw.login("demo", "demo");
            assertTrue(raw.send("STAT").contains("ASCII"));
        }
    }
}
