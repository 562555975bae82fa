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
}
