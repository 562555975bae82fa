package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.FillingUpStorage;
import ferry.server.auth.Access;
import ferry.server.auth.AuditLog;
import ferry.server.auth.LoginGuard;
import ferry.server.auth.UsersFile;
import ferry.server.storage.Storage;
import ferry.server.transport.Listener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up during STOR or APPE: the client hears why (451 and the system's reason), not that the
 * connection broke, and the file is left as it was (STOR) or with what was written (APPE). A full disk cannot be
 * made for real in a test, so the storage's uploads fail after {@link #ROOM} bytes, as write(2) does
 * ({@link FillingUpStorage}).
 */
@Timeout(30)
class FtpStoreFailureTest {
    private static final int ROOM = 100_000;

    @TempDir
    Path dir;
    private Path root;
    private FillingUpStorage storage;
    private ExecutorService executor;
    private Listener listener;
    private FTPClient ftp;
    private FtpSessions sessions;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        Access access = new Access(UsersFile.load(users), new LoginGuard(5, Duration.ofMinutes(1), Duration.ZERO, AuditLog.NONE), AuditLog.NONE);
        storage = new FillingUpStorage(Storage.of(root, Set.of(), Duration.ofSeconds(2)), ROOM, true);
        sessions = new FtpSessions(access, storage, 10, Duration.ofSeconds(30), "test",
                new FtpSessions.DataSettings(null, null));
        executor = Listener.newExecutor();
        listener = Listener.start(new InetSocketAddress("127.0.0.1", 0), sessions, executor);
        ftp = new FTPClient();
        ftp.setDefaultTimeout(10_000);
        ftp.setDataTimeout(Duration.ofSeconds(10));
        ftp.connect("127.0.0.1", listener.port());
        ftp.setSoTimeout(10_000);
        assertTrue(ftp.login("demo", "demo"));
        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE));
        ftp.enterLocalPassiveMode();
    }

    @AfterEach
    void stop() throws Exception {
        if (ftp.isConnected()) ftp.disconnect();
        listener.close();
        executor.shutdownNow();
        sessions.close();
    }

    @Test
    void aStorThatFillsTheDiskIsAnswered451WithTheReasonAndLeavesNothing() throws Exception {
        String reply = send("STOR f.bin", new byte[ROOM + 50_000]);
        assertTrue(storage.closed.get() >= 1, "the upload was settled before the reply");
        storage.replied.countDown();
        assertEquals(451, RawFtp.code(reply), reply);
        assertTrue(reply.contains("cannot write the file: No space left on device"), reply);
        assertEquals(List.of(), list(root), "neither the file nor its temporary file");
        assertTrue(ftp.storeFile("small.bin", new ByteArrayInputStream(new byte[10])), "the server goes on");
    }

    @Test
    void anAppendThatFillsTheDiskKeepsWhatWasWritten() throws Exception {
        Files.write(root.resolve("a.bin"), new byte[] {1, 2, 3});
        byte[] more = new byte[ROOM + 50_000];
        Arrays.fill(more, (byte) 7);
        String reply = send("APPE a.bin", more);
        assertTrue(storage.closed.get() >= 1, "the upload was settled before the reply");
        storage.replied.countDown();
        assertEquals(451, RawFtp.code(reply), reply);
        byte[] expected = new byte[3 + ROOM]; // all that the disk took, for a later resume
        Arrays.fill(expected, (byte) 7);
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        assertArrayEquals(expected, Files.readAllBytes(root.resolve("a.bin")));
    }

    /**
     * Sends {@code command} with {@code data} on a raw connection and returns the transfer's final reply. The server
     * closes the data connection when the disk is full, so the client's write may fail (a broken pipe, as curl and
     * Commons Net report it); the reply on the control connection is what tells why.
     */
    private String send(String command, byte[] data) throws IOException {
        try (RawFtp raw = RawFtp.connect(listener.port())) {
            raw.login("demo", "demo");
            assertEquals(200, RawFtp.code(raw.send("TYPE I")));
            int port = RawFtp.pasvPort(raw.send("PASV"));
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertEquals(150, RawFtp.code(raw.send(command)));
                try {
                    socket.getOutputStream().write(data);
                } catch (IOException closedByTheServer) {
                    // the reply says why
                }
            }
            return raw.reply();
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.toList();
        }
    }
}
