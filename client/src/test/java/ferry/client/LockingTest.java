package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import ferry.protocol.Chunks;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What two clients touching one file see: the locking policy in README's "Two clients, one file". */
@Timeout(60)
class LockingTest {
    @TempDir
    Path dir;

    /** One thread per task: the common pool may have a single thread on a 2-core machine, which would serialize them. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private TestServer start(Duration lockTimeout) throws Exception {
        return TestServer.start(dir, "demo:demo\n", Duration.ofSeconds(5), lockTimeout);
    }

    /** A raw client that asked for a file and read only READY: the server is blocked sending it. */
    private static FrameReader stalledDownload(Socket socket, String path) throws Exception {
        FrameReader reader = new FrameReader(socket.getInputStream());
        FrameWriter writer = new FrameWriter(socket.getOutputStream());
        writer.write(new Frame.Hello(Wire.VERSION));
        reader.read();
        writer.write(new Frame.Login("demo", "demo"));
        reader.read();
        writer.write(new Frame.Get(path));
        assertTrue(reader.read() instanceof Frame.Ready);
        return reader;
    }

    private static byte[] readRest(FrameReader reader, long size) throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        assertTrue(Chunks.receive(reader, content, size).verified());
        return content.toByteArray();
    }

    @Test
    void aDownloadOfAFileBeingReplacedReadsTheOldContentToTheEnd() throws Exception {
        byte[] old = TestServer.random(16 << 20, 1);
        byte[] fresh = TestServer.random(100_000, 2);
        try (var server = start(Duration.ofSeconds(5)); Socket socket = new Socket("127.0.0.1", server.port());
             Connection writer = server.connect()) {
            Files.write(server.root.resolve("hot.bin"), old);
            FrameReader download = stalledDownload(socket, "hot.bin");
            writer.upload(Files.write(dir.resolve("fresh.bin"), fresh), "hot.bin", true); // does not wait for the reader
            assertArrayEquals(fresh, Files.readAllBytes(server.root.resolve("hot.bin")));
            assertArrayEquals(old, readRest(download, old.length));
        }
    }

    @Test
    void deleteAndRenameOfAFileBeingDownloadedFailAsBusyAfterTheLockTimeout() throws Exception {
        byte[] content = TestServer.random(16 << 20, 3);
        try (var server = start(Duration.ofMillis(300)); Connection other = server.connect()) {
            Files.write(server.root.resolve("hot.bin"), content);
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                FrameReader download = stalledDownload(socket, "hot.bin");
                String busy = "~/hot.bin is in use by another client; try again";
                assertEquals(busy, assertThrows(TransferException.class, () -> other.delete("hot.bin")).getMessage());
                assertEquals(busy, assertThrows(TransferException.class, () -> other.rename("hot.bin", "cold.bin")).getMessage());
                assertTrue(other.list("").size() == 1, "the server still serves other requests");
                assertArrayEquals(content, readRest(download, content.length));
            }
            ShutdownTest.waitUntil(() -> server.server.transfersInFlight() == 0);
            other.delete("hot.bin");
            assertFalse(Files.exists(server.root.resolve("hot.bin")));
        }
    }

    @Test
    void aSecondUploadToTheSameNameWaitsForTheFirstAndNeverMixes() throws Exception {
        byte[] first = TestServer.random(300_000, 4);
        byte[] second = TestServer.random(200_000, 5);
        try (var server = start(Duration.ofSeconds(20)); Socket socket = new Socket("127.0.0.1", server.port());
             Connection late = server.connect(); Connection later = server.connect()) {
            FrameReader reader = new FrameReader(socket.getInputStream());
            FrameWriter writer = new FrameWriter(socket.getOutputStream());
            writer.write(new Frame.Hello(Wire.VERSION));
            reader.read();
            writer.write(new Frame.Login("demo", "demo"));
            reader.read();
            writer.write(new Frame.Upload("same.bin", first.length, false));
            assertEquals(new Frame.Accept(0, ferry.protocol.Encoding.NONE), reader.read());
            writer.writeChunk(first, 0, 1024); // the first upload is under way, holding the name

            Path secondFile = Files.write(dir.resolve("second.bin"), second);
            var refused = CompletableFuture.supplyAsync(() -> upload(late, secondFile, false), threads);
            var replaced = CompletableFuture.supplyAsync(() -> upload(later, secondFile, true), threads);
            ShutdownTest.waitUntil(() -> server.server.transfersInFlight() == 3);

            for (int offset = 1024; offset < first.length; offset += 1024) {
                writer.writeChunk(first, offset, Math.min(1024, first.length - offset));
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(first);
            writer.write(new Frame.End(first.length, (int) crc.getValue()));
            assertEquals(Status.OK, ((Frame.Reply) reader.read()).status());

            assertEquals("~/same.bin already exists", refused.get(20, TimeUnit.SECONDS));
            assertEquals("ok", replaced.get(20, TimeUnit.SECONDS));
            assertArrayEquals(second, Files.readAllBytes(server.root.resolve("same.bin")), "the -f upload applied after the first, whole");
        }
    }

    private static String upload(Connection connection, Path file, boolean overwrite) {
        try {
            connection.upload(file, "same.bin", overwrite);
            return "ok";
        } catch (TransferException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oppositeRenamesNeverDeadlock() throws Exception {
        try (var server = start(Duration.ofSeconds(5)); Connection one = server.connect(); Connection two = server.connect()) {
            Files.writeString(server.root.resolve("a"), "the file");
            var forth = CompletableFuture.runAsync(() -> renames(one, "a", "b"), threads);
            var back = CompletableFuture.runAsync(() -> renames(two, "b", "a"), threads);
            forth.get(30, TimeUnit.SECONDS);
            back.get(30, TimeUnit.SECONDS);
            boolean a = Files.exists(server.root.resolve("a"));
            assertTrue(a ^ Files.exists(server.root.resolve("b")), "exactly one name left");
            assertEquals("the file", Files.readString(server.root.resolve(a ? "a" : "b")));
        }
    }

    private static void renames(Connection connection, String from, String to) {
        for (int i = 0; i < 300; i++) {
            try {
                connection.rename(from, to);
            } catch (TransferException e) {
                assertTrue(e.getMessage().startsWith("no such file") || e.getMessage().endsWith("already exists")
                        || e.getMessage().contains("in use"), e.getMessage());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}
