package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FrameReader#readChunk}: chunk content straight into the caller's block; any other frame left for read(). */
@Timeout(10)
class ReadChunkTest {
    @Test
    void chunksLandInTheBlockAndTheNextFrameIsLeftForRead() throws IOException {
        byte[] a = Codec.randomBytes(Wire.MAX_CHUNK, 1), b = Codec.randomBytes(5, 2);
        FrameReader reader = reader(new Frame.Chunk(a), new Frame.Chunk(b), new Frame.End(1029, 7), new Frame.Quit());
        byte[] block = new byte[3 * Wire.MAX_CHUNK];
        assertEquals(Wire.MAX_CHUNK, reader.readChunk(block, 0));
        assertEquals(5, reader.readChunk(block, Wire.MAX_CHUNK));
        assertEquals(-1, reader.readChunk(block, 0), "END is not a chunk");
        assertEquals(-1, reader.readChunk(block, 0), "and stays next");
        assertEquals(new Frame.End(1029, 7), reader.read());
        assertEquals(new Frame.Quit(), reader.read());
        byte[] both = Arrays.copyOf(a, Wire.MAX_CHUNK + 5);
        System.arraycopy(b, 0, both, Wire.MAX_CHUNK, 5);
        assertArrayEquals(both, Arrays.copyOf(block, Wire.MAX_CHUNK + 5));
    }

    @Test
    void hostileChunksAreRefusedAsReadRefusesThem() {
        byte[] block = new byte[2 * Wire.MAX_CHUNK];
        assertEquals("frame 0x20 of 1025 bytes exceeds the limit of 1024",
                assertThrows(ProtocolException.class, () -> raw("20 0401").readChunk(block, 0)).getMessage());
        assertEquals("frame 0x20 is invalid: chunk of 0 bytes",
                assertThrows(ProtocolException.class, () -> raw("20 0000").readChunk(block, 0)).getMessage());
        assertThrows(EOFException.class, () -> raw("20 0004 0102").readChunk(block, 0), "cut inside the chunk");
        assertThrows(EOFException.class, () -> raw("").readChunk(block, 0));
    }

    private static FrameReader reader(Frame... frames) throws IOException {
        return new FrameReader(new ByteArrayInputStream(Codec.encode(frames)));
    }

    private static FrameReader raw(String hex) {
        return new FrameReader(new ByteArrayInputStream(Codec.hex(hex)));
    }
}
