package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.client.transfer.Connection;
import ferry.client.transfer.Result;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Wire;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Uploads and downloads through Connection against a real server: sizes around the chunk size, big files, many clients. */
@Timeout(60)
class TransfersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, 2049, 300_001})
    void filesOfEverySizeRoundTripByteIdentical(int size) throws Exception {
        byte[] content = TestServer.random(size, size);
        Path original = Files.write(dir.resolve("original.bin"), content);
        try (var server = TestServer.start(dir); Connection client = server.connect()) {
            Result up = client.upload(original, "stored.bin", false);
            Result down = client.get("stored.bin", dir.resolve("back.bin"), false);
            assertEquals(size, up.bytes());
            assertEquals(size, down.bytes());
            assertArrayEquals(content, Files.readAllBytes(server.root.resolve("stored.bin")));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("back.bin")));
        }
    }

    @Test
    void fiftyMegabyteFileRoundTrips() throws Exception {
        Path original = dir.resolve("big.bin");
        try (var out = Files.newOutputStream(original)) {
            for (int i = 0; i < 50; i++) out.write(TestServer.random(1 << 20, i));
        }
        try (var server = TestServer.start(dir); Connection client = server.connect()) {
            client.upload(original, "big.bin", false);
            client.get("big.bin", dir.resolve("back.bin"), false);
            SeedDemoTest.assertSameContent(original, server.root.resolve("big.bin"));
            SeedDemoTest.assertSameContent(original, dir.resolve("back.bin"));
        }
    }

    @Test
    void thirtyTwoClientsTransferAtOnce() throws Exception {
        int clients = 32;
        try (var server = TestServer.start(dir); ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            byte[] shared = TestServer.random(100_000, 99);
            Files.write(server.root.resolve("shared.bin"), shared);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int n = i;
                done.add(pool.submit(() -> uploadAndDownload(server, n, shared)));
            }
            for (Future<?> f : done) f.get(30, TimeUnit.SECONDS);
        }
    }

    private Void uploadAndDownload(TestServer server, int n, byte[] shared) throws Exception {
        byte[] mine = TestServer.random(50_000 + n * 1000, n);
        Path local = Files.write(dir.resolve("up" + n), mine);
        try (Connection client = server.connect()) {
            client.upload(local, "client" + n + ".bin", false);
            client.get("client" + n + ".bin", dir.resolve("down" + n), false);
            client.get("shared.bin", dir.resolve("shared" + n), false);
        }
        assertArrayEquals(mine, Files.readAllBytes(dir.resolve("down" + n)));
        assertArrayEquals(shared, Files.readAllBytes(dir.resolve("shared" + n)));
        return null;
    }

    @Test
    void aClientStalledMidDownloadDelaysNoOtherClient() throws Exception {
        try (var server = TestServer.start(dir);
             Socket stalled = new Socket("127.0.0.1", server.port())) {
            Path big = server.root.resolve("big.bin");
            try (var out = Files.newOutputStream(big)) {
                for (int i = 0; i < 20; i++) out.write(new byte[1 << 20]);
            }
            // The stalled client asks for 20 MB and then reads nothing: its socket buffers fill and the server blocks on it.
            FrameWriter writer = new FrameWriter(stalled.getOutputStream());
            FrameReader reader = new FrameReader(stalled.getInputStream());
            writer.write(new Frame.Hello(Wire.VERSION));
            reader.read();
            writer.write(new Frame.Login("demo", "demo"));
            reader.read();
            writer.write(new Frame.Get("big.bin"));
            assertEquals(new Frame.Ready(20 << 20), reader.read());

            byte[] content = TestServer.random(200_000, 7);
            Path local = Files.write(dir.resolve("other.bin"), content);
            for (int i = 0; i < 5; i++) {
                try (Connection other = server.connect()) {
                    other.upload(local, "other" + i + ".bin", false);
                    other.get("other" + i + ".bin", dir.resolve("other-back" + i), false);
                }
                assertArrayEquals(content, Files.readAllBytes(dir.resolve("other-back" + i)));
            }
            // The others' sessions may still be finishing their last request a moment after the client has its END.
            ShutdownTest.waitUntil(() -> server.server.transfersInFlight() == 1); // the stalled download, still in flight
        }
    }
}
