package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        writer.write(new Frame.Reply(Status.OK, "x"));
        assertEquals(15 + 8, wire.size()); // type, length, u16 status, str "x"
    }

    @Test
    void readyWaitsForTheChunksThatAlwaysFollowIt() throws IOException {
        writer.write(new Frame.Ready(1));
        assertEquals(0, wire.size(), "READY and the first chunks go out together");
        writer.writeChunk(new byte[] {5}, 0, 1);
        writer.write(new Frame.End(1, 0));
        assertEquals(Codec.hex(Codec.encode(new Frame.Ready(1), new Frame.Chunk(new byte[] {5}), new Frame.End(1, 0))),
                Codec.hex(wire.toByteArray()));
    }

    @Test
    void writeChunksCutsContentIntoFullChunksOnAPlainStream() throws IOException {
        byte[] content = Codec.randomBytes(2 * Wire.MAX_CHUNK + 5, 3);
        ByteBuffer direct = ByteBuffer.allocateDirect(content.length).put(content).flip();
        writer.writeChunks(direct);
        writer.writeChunks(ByteBuffer.wrap(content));
        writer.flush();
        assertEquals(0, direct.remaining(), "left at its limit");
        assertEquals(Codec.hex(Codec.encode(chunksOf(content, content))), Codec.hex(wire.toByteArray()));
    }

    @Test
    void writeChunksGathersBufferedFramesHeadersAndContentWithoutCopying() throws IOException {
        GatheringWire gathered = new GatheringWire();
        FrameWriter writer = new FrameWriter(gathered);
        byte[] content = Codec.randomBytes(40 * Wire.MAX_CHUNK + 17, 4); // more than one gathering write
        writer.write(new Frame.Ready(content.length));
        writer.writeChunks(ByteBuffer.allocateDirect(content.length).put(content).flip());
        writer.write(new Frame.End(content.length, 0));

        List<Frame> expected = new ArrayList<>(List.of(new Frame.Ready(content.length)));
        expected.addAll(List.of(chunksOf(content)));
        expected.add(new Frame.End(content.length, 0));
        assertEquals(Codec.hex(Codec.encode(expected.toArray(Frame[]::new))), Codec.hex(gathered.bytes.toByteArray()));
        assertEquals(2, gathered.gatheringWrites, "READY rides in the first of two gathering writes");
        assertEquals(0, gathered.copiedContentBytes, "only END went through the stream");
    }

    @Test
    void oneBufferReusedCallAfterCallSendsWhatItHoldsEachTime() throws IOException {
        // As Chunks.send does with its pooled buffer; also from a position inside it and a length that is no multiple.
        GatheringWire gathered = new GatheringWire();
        FrameWriter writer = new FrameWriter(gathered);
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * Wire.MAX_CHUNK);
        byte[] first = Codec.randomBytes(64 * Wire.MAX_CHUNK, 1), second = Codec.randomBytes(3 * Wire.MAX_CHUNK + 5, 2);
        writer.writeChunks(buffer.clear().put(first).flip());
        writer.writeChunks(buffer.clear().put(second).flip());
        writer.writeChunks(buffer.clear().put(first).flip().position(Wire.MAX_CHUNK + 3).limit(2 * Wire.MAX_CHUNK + 10));
        writer.write(new Frame.End(0, 0));

        List<Frame> expected = new ArrayList<>(List.of(chunksOf(first, second,
                Arrays.copyOfRange(first, Wire.MAX_CHUNK + 3, 2 * Wire.MAX_CHUNK + 10))));
        expected.add(new Frame.End(0, 0));
        assertEquals(Codec.hex(Codec.encode(expected.toArray(Frame[]::new))), Codec.hex(gathered.bytes.toByteArray()));
        assertEquals(2 * Wire.MAX_CHUNK + 10, buffer.position(), "left at its limit");
    }

    @Test
    void writeChunksOfNothingStillSendsWhatIsBuffered() throws IOException {
        GatheringWire gathered = new GatheringWire();
        FrameWriter writer = new FrameWriter(gathered);
        writer.write(new Frame.Ready(0));
        writer.writeChunks(ByteBuffer.allocate(0));
        assertEquals(Codec.hex(Codec.encode(new Frame.Ready(0))), Codec.hex(gathered.bytes.toByteArray()));
    }

    private static Frame[] chunksOf(byte[]... contents) {
        List<Frame> chunks = new ArrayList<>();
        for (byte[] content : contents) {
            for (int at = 0; at < content.length; at += Wire.MAX_CHUNK) {
                chunks.add(new Frame.Chunk(Arrays.copyOfRange(content, at, Math.min(content.length, at + Wire.MAX_CHUNK))));
            }
        }
        return chunks.toArray(Frame[]::new);
    }

    /** A stream that can gather, as a socket's channel can; it records which way the bytes came. */
    private static final class GatheringWire extends OutputStream implements GatheringOutput {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int gatheringWrites;
        int copiedContentBytes;

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            if (len > 100) copiedContentBytes += len;
        }

        @Override
        public void writeFully(ByteBuffer[] buffers, int offset, int length) {
            gatheringWrites++;
            for (int i = offset; i < offset + length; i++) {
                byte[] part = new byte[buffers[i].remaining()];
                buffers[i].get(part);
                bytes.writeBytes(part);
            }
        }
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
