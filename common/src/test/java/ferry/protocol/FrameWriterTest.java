package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the writer's bytes reach the peer, and what it refuses to write. */
@Timeout(10)
class FrameWriterTest {
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final FrameWriter writer = new FrameWriter(wire);

    @Test
    void entriesAndChunksWaitForTheFrameThatEndsTheirRun() throws IOException {
        writer.write(new Frame.Entry("a", false, 1, 0));
        writer.write(new Frame.Chunk(new byte[] {1}));
        assertEquals(0, wire.size(), "buffered");

        writer.write(new Frame.Reply(Status.OK, ""));
        assertEquals(Codec.hex(Codec.encode(new Frame.Entry("a", false, 1, 0), new Frame.Chunk(new byte[] {1}),
                new Frame.Reply(Status.OK, ""))), Codec.hex(wire.toByteArray()));
    }

    @Test
    void everyOtherFrameReachesThePeerAtOnce() throws IOException {
        writer.write(new Frame.End(0, 0));
        assertEquals(15, wire.size());
        writer.write(new Frame.Ready(1));
        assertEquals(15 + 12, wire.size()); // type, length, i64 size, u8 encoding
    }

    @Test
    void flushSendsBufferedChunks() throws IOException {
        writer.writeChunk(new byte[] {7, 8, 9}, 1, 2);
        writer.flush();
        assertEquals("2000020809", Codec.hex(wire.toByteArray()));
    }

    @Test
    void writeChunkRefusesEmptyAndOversizeSlices() {
        byte[] buffer = new byte[2 * Wire.MAX_CHUNK];
        assertEquals("chunk of 0 bytes",
                assertThrows(IllegalArgumentException.class, () -> writer.writeChunk(buffer, 0, 0)).getMessage());
        assertEquals("chunk of 1025 bytes",
                assertThrows(IllegalArgumentException.class, () -> writer.writeChunk(buffer, 0, 1025)).getMessage());
        assertEquals(0, wire.size());
    }
}
