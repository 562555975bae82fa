package ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Server.close(): stop accepting, BYE to idle clients, let transfers finish within the grace period, then close. */
@Timeout(30)
class ServerShutdownTest {
    /** Far more than loopback socket buffers hold, so a download that is not read stays in flight. */
    private static final int BIG = 64 << 20;

    @TempDir
    Path dir;

    @Test
    void downloadInFlightFinishesWhileNewConnectionsAreRefusedAndIdleClientsAreSaidBye() throws Exception {
        try (var server = TestServer.start(dir, 100, Duration.ofSeconds(20), Duration.ofSeconds(30));
             var idle = server.login();
             var downloader = server.login()) {
            int crc = writeBigFile(server.root.resolve("big.bin"));
            downloader.send(new Frame.Get("big.bin"));
            assertEquals(new Frame.Ready(BIG), downloader.read());
            CRC32C received = new CRC32C();
            received.update(downloader.read(Frame.Chunk.class).bytes());
            assertEquals(1, server.server.transfersInFlight());

            Thread closer = Thread.ofPlatform().start(server::close);
            Thread secondCloser = Thread.ofPlatform().start(server::close);
            awaitRefused(server.port());
            assertEquals(new Frame.Bye("server shutting down"), idle.read());
            idle.assertClosedByServer();
            assertTrue(closer.isAlive() && secondCloser.isAlive(), "close() waits for the download, both callers");

            long size = Wire.MAX_CHUNK;
            Frame frame;
            while ((frame = downloader.read()) instanceof Frame.Chunk(byte[] bytes)) {
                received.update(bytes);
                size += bytes.length;
            }
            assertEquals(new Frame.End(BIG, crc), frame);
            assertEquals(BIG, size);
            assertEquals(crc, (int) received.getValue());
            assertEquals(new Frame.Bye("server shutting down"), downloader.read());
            downloader.assertClosedByServer();
            assertTrue(closer.join(Duration.ofSeconds(10)), "close() returns once the download is done");
            assertTrue(secondCloser.join(Duration.ofSeconds(10)));
        }
    }

    @Test
    void uploadInFlightIsStoredBeforeTheConnectionCloses() throws Exception {
        try (var server = TestServer.start(dir, 100, Duration.ofSeconds(20), Duration.ofSeconds(30));
             var client = server.login()) {
            assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("late.bin", 2_000, false)));
            client.send(new Frame.Chunk(new byte[1_000]));
            assertEquals(1, server.server.transfersInFlight());

            Thread closer = Thread.ofPlatform().start(server::close);
            awaitRefused(server.port());
            client.send(new Frame.Chunk(new byte[1_000]));
            CRC32C crc = new CRC32C();
            crc.update(new byte[2_000]);
            client.send(new Frame.End(2_000, (int) crc.getValue()));

            assertEquals(Status.OK, client.read(Frame.Reply.class).status());
            assertEquals(new Frame.Bye("server shutting down"), client.read());
            client.assertClosedByServer();
            assertTrue(closer.join(Duration.ofSeconds(10)));
            assertEquals(2_000, Files.size(server.root.resolve("late.bin")));
            assertEquals(0, TestServer.tempFiles(server.root).size());
        }
    }

    @Test
    void gracePeriodOverClosesAStalledDownloadAndCloseReturns() throws Exception {
        try (var server = TestServer.start(dir, 100, Duration.ofMillis(200), Duration.ofSeconds(30));
             var stalled = server.login()) {
            writeBigFile(server.root.resolve("big.bin"));
            stalled.send(new Frame.Get("big.bin"));
            assertEquals(new Frame.Ready(BIG), stalled.read());
            assertEquals(1, server.server.transfersInFlight());

            long start = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(200)) >= 0, "close() waited for the grace period: " + took);
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "close() returned soon after it: " + took);

            long size = 0;
            try {
                for (Frame frame = stalled.read(); ; frame = stalled.read()) {
                    size += ((Frame.Chunk) frame).bytes().length; // never an END: the download was cut
                }
            } catch (EOFException | SocketException cut) {
                assertTrue(size < BIG, "only part of the file arrived: " + size);
            }
        }
    }

    @Test
    void idleClientIsSaidByeAndCloseIsIdempotent() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login(); var unsaid = server.connect()) {
            TestServer.await("both connections have a session", () -> server.server.status().size() == 2);
            server.close();
            assertEquals(new Frame.Bye("server shutting down"), client.read());
            client.assertClosedByServer();
            assertEquals(new Frame.Bye("server shutting down"), unsaid.read(), "even before its HELLO");
            server.close();
            server.close();
            assertEquals(0, server.server.status().size());
        }
    }

    @Test
    void serverWithoutClientsClosesAtOnce() throws Exception {
        var server = TestServer.start(dir, 100, Duration.ofSeconds(20), Duration.ofSeconds(30));
        long start = System.nanoTime();
        server.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
        server.server.awaitClosed();
    }

    @Test
    void onceCloseReturnsThePortRefusesConnections() throws Exception {
        for (int round = 0; round < 50; round++) { // a race: it shows in some rounds, not in every one
            var server = TestServer.start(dir.resolve("round" + round));
            server.close();
            assertRefused(server);
        }
    }

    /** Deadline poll until the listener is closed: a new connection is refused by the kernel. */
    private static void awaitRefused(int port) {
        TestServer.await("new connections are refused", () -> {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                return false; // accepted just before the listener closed; hang up and try again
            } catch (ConnectException refused) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void assertRefused(TestServer server) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(1_000);
            int answer;
            try {
                answer = socket.getInputStream().read();
            } catch (IOException e) {
                answer = -2;
            }
            fail("connected to port " + server.port() + " after close() returned; then "
                    + (answer == -2 ? "the connection was reset" : answer == -1 ? "closed" : "got byte " + answer));
        } catch (ConnectException expected) {
            // refused, as expected
        }
    }

    /** A file of {@link #BIG} bytes; returns its CRC32C. */
    private static int writeBigFile(Path file) throws IOException {
        byte[] block = TestServer.random(1 << 20, 7);
        CRC32C crc = new CRC32C();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < BIG / block.length; i++) {
                block[0] = (byte) i;
                out.write(block);
                crc.update(block);
            }
        }
        return (int) crc.getValue();
    }
}
