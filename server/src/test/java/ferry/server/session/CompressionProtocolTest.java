package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Chunks;
import ferry.protocol.Encoding;
import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import ferry.server.RawClient;
import ferry.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Compression negotiated per transfer: the server's choice, the chunk size on the wire, and hostile streams. */
@Timeout(20)
class CompressionProtocolTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path dir;

    @Test
    void aCompressedGetOfTextIsDeflatedInChunksOfAtMostOneKilobyteAndEndCoversThePlainText() throws Exception {
        byte[] text = "id,name,amount\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.write(server.root.resolve("table.csv"), text);
            client.send(new Frame.Get("table.csv", 0, true));
            assertEquals(new Frame.Ready(text.length, Encoding.DEFLATE), client.read());
            // Read the chunks raw, as they came over the wire, then inflate them ourselves.
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            FrameReader reader = client.reader();
            Frame frame;
            int chunks = 0;
            while ((frame = reader.read()) instanceof Frame.Chunk(byte[] bytes)) {
                assertTrue(bytes.length >= 1 && bytes.length <= Wire.MAX_CHUNK, bytes.length + " bytes");
                compressed.writeBytes(bytes);
                chunks++;
            }
            assertEquals(new Frame.End(text.length, crc(text)), frame);
            assertTrue(compressed.size() < text.length / 10, "text shrinks: " + compressed.size() + " of " + text.length);
            assertEquals((compressed.size() + Wire.MAX_CHUNK - 1) / Wire.MAX_CHUNK, chunks, "full chunks but the last");
            assertArrayEquals(text, inflate(compressed.toByteArray(), text.length));
        }
    }

    @Test
    void theServerSendsAJpegAndRandomBytesUncompressedEvenWhenAsked() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.copy(REPO.resolve("testfiles/downloadTestFile1.jpg"), server.root.resolve("photo.jpg"));
            Files.write(server.root.resolve("noise.bin"), TestServer.random(100_000, 5));
            client.send(new Frame.Get("photo.jpg", 0, true));
            assertEquals(Encoding.NONE, client.read(Frame.Ready.class).encoding());
            drain(client);
            client.send(new Frame.Get("noise.bin", 0, true)); // no telling extension: the trial decides
            assertEquals(Encoding.NONE, client.read(Frame.Ready.class).encoding());
            drain(client);
            assertEquals(new Frame.Accept(0, Encoding.NONE), client.ask(new Frame.Upload("up.jpg", 0, false, false, true)));
            client.send(new Frame.End(0, 0));
            assertEquals(Status.OK, client.read(Frame.Reply.class).status());
        }
    }

    @Test
    void aCompressedUploadOfTextIsStoredAsThePlainText() throws Exception {
        byte[] text = "2026-11-23 INFO all is well\n".repeat(5_000).getBytes(StandardCharsets.US_ASCII);
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(new Frame.Accept(0, Encoding.DEFLATE), client.ask(new Frame.Upload("app.log", text.length, false, false, true)));
            Chunks.send(new ByteArrayInputStream(text), text.length, client.writer(), Encoding.DEFLATE, new CRC32C(), 0, b -> {});
            assertEquals(Status.OK, client.read(Frame.Reply.class).status());
            assertArrayEquals(text, Files.readAllBytes(server.root.resolve("app.log")));
        }
    }

    @Test
    void aDecompressionBombIsCutAtTheAnnouncedSizeAndNothingIsStored() throws Exception {
        byte[] zeros = new byte[50 << 20];
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(new Frame.Accept(0, Encoding.DEFLATE), client.ask(new Frame.Upload("bomb.txt", 1_000, false, false, true)));
            try {
                Chunks.send(new ByteArrayInputStream(zeros), zeros.length, client.writer(), Encoding.DEFLATE, new CRC32C(), 0, b -> {});
            } catch (java.net.SocketException closedUnderUs) {
                // the server may close before all of it is sent
            }
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "more than the announced 1000 bytes"), client.read());
            client.assertClosedByServer();
            assertFalse(Files.exists(server.root.resolve("bomb.txt")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    private static void drain(RawClient client) throws Exception {
        for (int i = 0; i < 10_000; i++) {
            if (client.read() instanceof Frame.End) return;
        }
        throw new AssertionError("no END");
    }

    private static byte[] inflate(byte[] compressed, int size) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        byte[] out = new byte[size];
        int n = 0;
        while (!inflater.finished() && n < size) n += inflater.inflate(out, n, size - n);
        assertTrue(inflater.finished());
        inflater.end();
        return out;
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
