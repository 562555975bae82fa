package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class FtpConcurrencyTest {
    private static final int CLIENTS = 50;

    @TempDir
    Path dir;

    @Test
    void fiftyClientsUploadAndDownloadDistinctFilesAtOnce() throws Exception {
        try (var server = FtpTestServer.start(dir);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    byte[] content = FtpTestServer.random(100_000 + n * 1_000);
                    FTPClient ftp = n % 2 == 0 ? server.login("demo", "demo") : server.login("alice", "a");
                    ready.countDown();
                    assertTrue(go.await(20, TimeUnit.SECONDS));
                    String name = "client-" + n + ".bin";
                    FtpTestServer.store(ftp, name, content);
                    assertArrayEquals(content, FtpTestServer.retrieve(ftp, name), name);
                    assertTrue(ftp.logout());
                    return null;
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all clients logged in");
            assertEquals(CLIENTS, server.server.status().size());
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> result : results) {
                result.get(40, TimeUnit.SECONDS);
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(40));
            for (int n = 0; n < CLIENTS; n++) {
                Path home = n % 2 == 0 ? server.root : server.aliceHome();
                assertArrayEquals(FtpTestServer.random(100_000 + n * 1_000), Files.readAllBytes(home.resolve("client-" + n + ".bin")));
            }
        }
    }

    @Test
    void aZeroCopyDownloadKeepsItsFileUntilTheClientClosedTheDataConnection() throws Exception {
        // Bytes sent by sendfile reference the file's pages until the client reads them, so an in-place upload
        // (REST+STOR) must wait until the client is done, not only until the server has written the last byte.
        try (var server = FtpTestServer.start(dir);
             RawFtp reader = RawFtp.connect(server.ftpPort())) {
            byte[] content = FtpTestServer.random(4 << 20);
            Files.write(server.root.resolve("big.bin"), content);
            reader.login("demo", "demo");
            assertEquals(200, RawFtp.code(reader.send("TYPE I")));
            int port = RawFtp.pasvPort(reader.send("PASV"));
            try (java.net.Socket data = new java.net.Socket("127.0.0.1", port)) {
                data.setSoTimeout(5_000);
                assertEquals(150, RawFtp.code(reader.send("RETR big.bin")));
                assertArrayEquals(content, data.getInputStream().readAllBytes(), "the whole file, then the server's end");

                FTPClient writer = server.login("demo", "demo");
                writer.setRestartOffset(1);
                boolean stored = writer.storeFile("big.bin", new java.io.ByteArrayInputStream(new byte[10]));
                assertEquals(false, stored, "the download still holds the file");
                assertEquals(450, writer.getReplyCode(), writer::getReplyString);
            }
            assertEquals(226, RawFtp.code(reader.reply()), "the download ends when the client closed its data connection");

            FTPClient writer = server.login("demo", "demo");
            writer.setRestartOffset(1);
            FtpTestServer.store(writer, "big.bin", new byte[10]);
            byte[] expected = new byte[11];
            expected[0] = content[0];
            assertArrayEquals(expected, Files.readAllBytes(server.root.resolve("big.bin")));
        }
    }
}
