package ferry.server.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.GatheringOutput;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The guard's fast paths on real loopback sockets: gathering writes and sendfile on plain TCP, never under TLS. */
@Timeout(20)
class StallGuardTest {
    private ServerSocket listener;
    private Socket server;
    private Socket client;

    @BeforeEach
    void connect() throws IOException {
        listener = ServerSocketChannel.open().socket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        server = listener.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        server.close();
        listener.close();
    }

    @Test
    void aPlainChannelSocketGathersInOrder() throws IOException {
        StallGuard guard = StallGuard.of(server);
        GatheringOutput gathering = assertInstanceOf(GatheringOutput.class, guard);
        ByteBuffer[] parts = {ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.allocateDirect(3).put(new byte[] {3, 4, 5}).flip(),
                ByteBuffer.wrap(new byte[] {6})};
        gathering.writeFully(parts, 1, 2);
        assertArrayEquals(new byte[] {3, 4, 5, 6}, client.getInputStream().readNBytes(4));
        assertEquals(0, guard.stalledNanos());
    }

    @Test
    void transferFromSendsTheFileRangeAndStopsWhereTheFileEnds(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 << 20];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try {
                return client.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (FileChannel channel = FileChannel.open(file)) {
            StallGuard guard = StallGuard.of(server);
            assertEquals(content.length - 10, guard.transferFrom(channel, 10, content.length)); // asks for 10 past the end
        }
        server.shutdownOutput();
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, content.length), received.get());
    }

    @Test
    void tlsLayeredOverAChannelSocketNeverGathers() throws Exception {
        Socket tls = SSLContext.getDefault().getSocketFactory().createSocket(server, "127.0.0.1", server.getPort(), false);
        assertTrue(tls.getChannel() != null, "the JDK hands out the plain channel; the guard must not use it");
        assertFalse(StallGuard.of(tls) instanceof GatheringOutput);
    }

    @Test
    void aGatheringWriteToAPeerThatStoppedReadingCountsAsStalled() throws Exception {
        StallGuard guard = StallGuard.of(server);
        ByteBuffer big = ByteBuffer.allocateDirect(64 << 20); // far more than both socket buffers hold
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                ((GatheringOutput) guard).writeFully(new ByteBuffer[] {big}, 0, 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (guard.stalledNanos() < 50_000_000L && System.nanoTime() < deadline) Thread.onSpinWait();
        assertTrue(guard.stalledNanos() >= 50_000_000L, "a blocked write shows as stalled");
        server.close(); // what the watchdog does
        assertThrows(Exception.class, writing::join);
        assertEquals(0, guard.stalledNanos());
    }
}
