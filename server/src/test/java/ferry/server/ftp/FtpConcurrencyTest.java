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
    void aRestStorRightAfterADownloadNeverChangesTheBytesTheClientHasYetToRead() throws Exception {
        // Bytes sent by sendfile reference the file's pages until the client reads them, and the server releases the
        // file at the 226: so a write inside a file makes a new version of it and never changes the old one in place.
        long size = 8 << 20;
        int unread = 1 << 20;
        try (var server = FtpTestServer.start(dir);
             RawFtp reader = RawFtp.connect(server.ftpPort())) {
            Path file = server.root.resolve("big.bin");
            try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                for (long i = 0; i < size; i++) out.write(pattern(i));
            }
            reader.login("demo", "demo");
            assertEquals(200, RawFtp.code(reader.send("TYPE I")));
            int port = RawFtp.pasvPort(reader.send("PASV"));
            try (java.net.Socket data = new java.net.Socket("127.0.0.1", port)) {
                data.setSoTimeout(10_000);
                assertEquals(150, RawFtp.code(reader.send("RETR big.bin")));
                var in = data.getInputStream();
                assertPattern(in, 0, size - unread);
                assertEquals(226, RawFtp.code(reader.reply()), "the last MiB fits in the sockets' queues");

                FTPClient writer = server.login("demo", "demo");
                writer.setRestartOffset(size - 2L * unread);
                FtpTestServer.store(writer, "big.bin", new byte[2 * unread]); // zeros over the last 2 MiB
                assertEquals(0, Files.readAllBytes(file)[(int) (size - 1)], "the file changed");

                assertPattern(in, size - unread, size); // as it was when sent
                assertEquals(-1, in.read());
            }
        }
    }

    /** Reads bytes {@code from} to {@code to} of the pattern from {@code in}, a block at a time. */
    private static void assertPattern(java.io.InputStream in, long from, long to) throws java.io.IOException {
        byte[] block = new byte[1 << 16], expected = new byte[block.length];
        for (long at = from; at < to; at += block.length) {
            int n = (int) Math.min(block.length, to - at);
            assertEquals(n, in.readNBytes(block, 0, n), "bytes at " + at);
            for (int i = 0; i < n; i++) expected[i] = pattern(at + i);
            if (!java.util.Arrays.equals(block, 0, n, expected, 0, n)) {
                assertArrayEquals(java.util.Arrays.copyOf(expected, n), java.util.Arrays.copyOf(block, n), "bytes at " + at);
            }
        }
    }

    private static byte pattern(long i) {
        return (byte) (1 + (i * 31 + (i >>> 11)) % 251); // never 0, so the writer's zeros show
    }
}
