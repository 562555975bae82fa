package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.Shell;
import ferry.client.transfer.Connection;
import ferry.protocol.Chunks;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a client sees when the server shuts down: transfers in flight finish, then a clear goodbye. */
@Timeout(30)
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void idleClientIsToldTheServerIsShuttingDownAndExitsThree() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (var server = TestServer.start(dir)) {
            Shell shell = server.shell(dir, out, err);
            server.close();
            assertEquals(Shell.CONNECTION, shell.execute("list"));
            assertEquals("error: connection lost: server closed the connection: server shutting down\n", err.toString());
        }
    }

    @Test
    void downloadInFlightFinishesWhileNewConnectionsAreRefused() throws Exception {
        try (var server = TestServer.start(dir, Duration.ofSeconds(20));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] content = TestServer.random(30 << 20, 3);
            Files.write(server.root.resolve("big.bin"), content);
            FrameReader reader = new FrameReader(socket.getInputStream());
            FrameWriter writer = new FrameWriter(socket.getOutputStream());
            writer.write(new Frame.Hello(Wire.VERSION));
            reader.read();
            writer.write(new Frame.Login("demo", "demo"));
            reader.read();
            writer.write(new Frame.Get("big.bin"));
            assertEquals(new Frame.Ready(content.length), reader.read());
            // Not reading yet: 30 MB cannot fit in the socket buffers, so the download is surely in flight.

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);
            waitUntil(() -> refusesConnections(server));
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            assertTrue(Chunks.receive(reader, received, content.length).verified());
            assertArrayEquals(content, received.toByteArray());
            assertEquals(new Frame.Bye("server shutting down"), reader.read());
            shutdown.get(20, TimeUnit.SECONDS);
        }
    }

    private static boolean refusesConnections(TestServer server) {
        try (Connection probe = Connection.open("127.0.0.1", server.port(), Duration.ofSeconds(2))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 10 s");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
