package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chunks with {@link Encoding#DEFLATE}, and resumed transfers whose END still covers the whole file. */
@Timeout(10)
class CompressedChunksTest {
    enum Content {
        TEXT, RANDOM, EMPTY;

        byte[] bytes() {
            return switch (this) {
                case TEXT -> text(300_000);
                case RANDOM -> random(300_000);
                case EMPTY -> new byte[0];
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Content.class)
    void deflatedContentRoundTripsInChunksOfAtMostOneKilobyteAndEndCoversTheUncompressedBytes(Content kind) throws IOException {
        byte[] content = kind.bytes();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frame.End sent = Chunks.send(new ByteArrayInputStream(content), content.length, new FrameWriter(wire),
                Encoding.DEFLATE, new CRC32C(), 0, bytes -> {});
        assertEquals(new Frame.End(content.length, crc32c(content)), sent);

        List<Integer> sizes = chunkSizes(wire.toByteArray());
        assertTrue(sizes.stream().allMatch(n -> n >= 1 && n <= Wire.MAX_CHUNK), sizes::toString);
        if (kind == Content.TEXT) assertTrue(sizes.stream().mapToInt(n -> n).sum() < content.length / 3, "text shrinks");

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        Chunks.Received received = Chunks.receive(reader(wire.toByteArray()), back, content.length, Encoding.DEFLATE,
                new CRC32C(), 0, bytes -> {});
        assertTrue(received.verified());
        assertArrayEquals(content, back.toByteArray());
    }

    @ParameterizedTest
    @EnumSource(Encoding.class)
    void aResumedTransferSendsOnlyTheRestAndEndsWithTheWholeFilesSizeAndChecksum(Encoding encoding) throws IOException {
        byte[] content = text(50_000);
        int offset = 12_345;
        ByteArrayInputStream file = new ByteArrayInputStream(content);
        CRC32C prefix = Chunks.crcOf(file, offset);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Long> progress = new ArrayList<>();
        Frame.End sent = Chunks.send(file, content.length - offset, new FrameWriter(wire), encoding, prefix, offset, progress::add);
        assertEquals(new Frame.End(content.length, crc32c(content)), sent);
        assertEquals(content.length, progress.getLast());

        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        CRC32C receiverPrefix = Chunks.crcOf(new ByteArrayInputStream(content), offset);
        Chunks.Received received = Chunks.receive(reader(wire.toByteArray()), rest, content.length - offset, encoding,
                receiverPrefix, offset, bytes -> {});
        assertTrue(received.verified());
        assertEquals(content.length, received.size());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, offset, content.length), rest.toByteArray());
    }

    @Test
    void aPrefixThatDiffersFromTheSendersFailsTheWholeFileCheck() throws IOException {
        byte[] content = text(10_000);
        byte[] corrupted = content.clone();
        corrupted[7] ^= 1;
        ByteArrayInputStream file = new ByteArrayInputStream(content);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Chunks.send(file, content.length, new FrameWriter(wire), Encoding.NONE, Chunks.crcOf(file, 5_000), 5_000, b -> {});
        Chunks.Received received = Chunks.receive(reader(wire.toByteArray()), new ByteArrayOutputStream(), 5_000,
                Encoding.NONE, Chunks.crcOf(new ByteArrayInputStream(corrupted), 5_000), 5_000, b -> {});
        assertFalse(received.verified());
    }

    @Test
    void aDecompressionBombStopsAtTheAnnouncedSize() throws IOException {
        byte[] zeros = new byte[10 << 20];
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Chunks.send(new ByteArrayInputStream(zeros), zeros.length, new FrameWriter(wire), Encoding.DEFLATE, new CRC32C(), 0, b -> {});
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ProtocolException e = assertThrows(ProtocolException.class, () -> Chunks.receive(reader(wire.toByteArray()), sink,
                1_000, Encoding.DEFLATE, new CRC32C(), 0, b -> {}));
        assertEquals("more than the announced 1000 bytes", e.getMessage());
        assertTrue(sink.size() <= 1_000);
    }

    @Test
    void garbageInsteadOfADeflateStreamIsAProtocolError() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire);
        writer.write(new Frame.Chunk("not deflate at all".getBytes(StandardCharsets.US_ASCII)));
        writer.write(new Frame.End(18, 0));
        ProtocolException e = assertThrows(ProtocolException.class, () -> Chunks.receive(reader(wire.toByteArray()),
                new ByteArrayOutputStream(), 100, Encoding.DEFLATE, new CRC32C(), 0, b -> {}));
        assertTrue(e.getMessage().startsWith("corrupt compressed data"), e.getMessage());
    }

    @Test
    void dataAfterTheEndOfTheDeflateStreamIsAProtocolError() throws IOException {
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[] {1, 2, 3});
        deflater.finish();
        byte[] stream = new byte[100];
        int n = deflater.deflate(stream);
        deflater.end();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire);
        writer.writeChunk(stream, 0, n);
        writer.write(new Frame.Chunk(new byte[] {9}));
        writer.write(new Frame.End(3, 0));
        ProtocolException e = assertThrows(ProtocolException.class, () -> Chunks.receive(reader(wire.toByteArray()),
                new ByteArrayOutputStream(), 100, Encoding.DEFLATE, new CRC32C(), 0, b -> {}));
        assertEquals("data after the end of the compressed stream", e.getMessage());
    }

    @Test
    void compressionSuitsTextButNotCompressedTypesOrRandomBytes() {
        assertTrue(Compression.suits("logs/app.log"));
        assertTrue(Compression.suits("Makefile"));
        assertTrue(Compression.suits(".bashrc"));
        assertFalse(Compression.suits("photos/IMG_0001.JPG"));
        assertFalse(Compression.suits("a.tar.gz"));
        assertFalse(Compression.suits("movie.mp4"));
        byte[] text = text(Compression.TRIAL_BYTES);
        byte[] noise = random(Compression.TRIAL_BYTES);
        assertTrue(Compression.pays(text, text.length));
        assertFalse(Compression.pays(noise, noise.length));
        assertFalse(Compression.pays(noise, 0));
    }

    private static List<Integer> chunkSizes(byte[] wire) throws IOException {
        FrameReader reader = reader(wire);
        List<Integer> sizes = new ArrayList<>();
        for (Frame frame = reader.read(); frame instanceof Frame.Chunk(byte[] bytes); frame = reader.read()) sizes.add(bytes.length);
        return sizes;
    }

    private static FrameReader reader(byte[] wire) {
        return new FrameReader(new ByteArrayInputStream(wire));
    }

    static byte[] text(int size) {
        StringBuilder log = new StringBuilder();
        Random random = new Random(1);
        for (int i = 0; log.length() < size; i++) {
            log.append("2026-11-23T15:%02d:%02d.%03dZ INFO ferry.server.command.Transfers user=u%d get photos/img-%04d.jpg %d bytes%n"
                    .formatted(i / 60 % 60, i % 60, random.nextInt(1000), random.nextInt(20), random.nextInt(10_000), random.nextInt(1 << 20)));
        }
        return log.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
