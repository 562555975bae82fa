package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Codec.Feed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** File content as CHUNK frames of at most 1 KiB ended by END (size, CRC32C), and the receiver's checks of them. */
@Timeout(10)
class ChunksTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, 2500, 1_000_000})
    void sentContentArrivesInFullChunksEndedBySizeAndChecksum(int n) throws IOException {
        byte[] content = random(n);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        InputStream file = Feed.ONE_BYTE_AT_A_TIME.open(content); // short reads must still make full chunks
        Frame.End sent = Chunks.send(file, Long.MAX_VALUE, new FrameWriter(wire));

        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()));
        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        int chunks = 0;
        Frame frame;
        while ((frame = reader.read()) instanceof Frame.Chunk(byte[] bytes)) {
            boolean last = reassembled.size() + bytes.length == n;
            assertEquals(last ? n - Wire.MAX_CHUNK * chunks : Wire.MAX_CHUNK, bytes.length, "chunk " + chunks);
            reassembled.writeBytes(bytes);
            chunks++;
        }
        assertEquals((n + Wire.MAX_CHUNK - 1) / Wire.MAX_CHUNK, chunks);
        assertArrayEquals(content, reassembled.toByteArray());
        assertEquals(new Frame.End(n, crc32c(content)), frame);
        assertEquals(frame, sent);
        assertEquals("connection closed", assertThrows(EOFException.class, reader::read).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, 2500, 1_000_000})
    void receivedContentIsWrittenAwayAndVerified(int n) throws IOException {
        byte[] content = random(n);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Chunks.Received received = Chunks.receive(Feed.ONE_BYTE_AT_A_TIME.reader(sent(content)), file, n);

        assertArrayEquals(content, file.toByteArray());
        assertEquals(new Chunks.Received(n, crc32c(content), new Frame.End(n, crc32c(content)), null), received);
        assertTrue(received.verified());
    }

    @Test
    void sendStopsAtTheLimitAndLeavesTheRestOfTheStreamUnread() throws IOException {
        byte[] content = random(5_000);
        ByteArrayInputStream in = new ByteArrayInputStream(content);
        Frame.End end = Chunks.send(in, 2_500, new FrameWriter(new ByteArrayOutputStream()));
        assertEquals(new Frame.End(2_500, crc32c(Arrays.copyOf(content, 2_500))), end);
        assertEquals(2_500, in.available());
    }

    @Test
    void sendOfAStreamShorterThanTheLimitAnnouncesWhatItSent() throws IOException {
        byte[] content = random(700); // a file that shrank after its size was announced
        FrameWriter nowhere = new FrameWriter(OutputStream.nullOutputStream());
        Frame.End end = Chunks.send(new ByteArrayInputStream(content), 2_500, nowhere);
        assertEquals(new Frame.End(700, crc32c(content)), end);
    }

    @Test
    void sendWithALimitOfZeroSendsOnlyAnEmptyEnd() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Chunks.send(new ByteArrayInputStream(random(10)), 0, new FrameWriter(wire));
        assertEquals("21000c" + "0000000000000000" + "00000000", Codec.hex(wire.toByteArray())); // END(0, 0)
    }

    @Test
    void receiveReportsASizeTheSenderDidNotSend() throws IOException {
        byte[] content = random(100);
        Chunks.Received received = receive(new Frame.Chunk(content), new Frame.End(101, crc32c(content)));
        assertEquals(100, received.size());
        assertFalse(received.verified());
    }

    @Test
    void receiveReportsAChecksumThatDoesNotMatchTheBytes() throws IOException {
        byte[] content = random(100);
        Chunks.Received received = receive(new Frame.Chunk(content), new Frame.End(100, crc32c(content) ^ 1));
        assertEquals(crc32c(content), received.crc32c());
        assertFalse(received.verified());
    }

    @Test
    void moreBytesThanTheLimitIsAProtocolError() throws IOException {
        byte[] wire = Codec.encode(
                new Frame.Chunk(random(1024)), new Frame.Chunk(random(1024)), new Frame.Chunk(new byte[1]));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Chunks.receive(reader(wire), OutputStream.nullOutputStream(), 2_048));
        assertEquals("more than the announced 2048 bytes", e.getMessage());
    }

    @Test
    void exactlyTheLimitIsAccepted() throws IOException {
        Chunks.Received received = Chunks.receive(reader(sent(random(2_048))), OutputStream.nullOutputStream(), 2_048);
        assertTrue(received.verified());
    }

    @Test
    void anotherFrameAmongTheChunksIsAProtocolErrorThatShowsNoPassword() throws IOException {
        byte[] wire = Codec.encode(
                new Frame.Chunk(random(10)), new Frame.Login("alice", "s3cret"), new Frame.End(10, 0));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Chunks.receive(reader(wire), OutputStream.nullOutputStream(), 1_000));
        assertEquals("expected CHUNK or END, got Login", e.getMessage()); // the type only: a frame may be 16 KiB
    }

    @Test
    void failingOutputStillReadsToEndAndReportsTheFirstFailure() throws IOException {
        byte[] content = random(300_000); // several blocks, so several writes
        IOException diskFull = new IOException("disk full");
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        var failsOnSecondWrite = new OutputStream() {
            int writes;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (++writes >= 2) throw diskFull;
                kept.write(b, off, len);
            }
        };
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire);
        Chunks.send(new ByteArrayInputStream(content), Long.MAX_VALUE, writer);
        writer.write(new Frame.Quit());
        FrameReader reader = reader(wire.toByteArray());

        Chunks.Received received = Chunks.receive(reader, failsOnSecondWrite, content.length);

        assertSame(diskFull, received.writeFailure());
        assertFalse(received.verified());
        assertEquals(new Frame.End(300_000, crc32c(content)), received.announced());
        assertEquals(300_000, received.size()); // every chunk was read, so the stream is still in step:
        assertInstanceOf(Frame.Quit.class, reader.read());
        assertTrue(kept.size() > 0 && kept.size() < content.length, "the first write went through");
        assertArrayEquals(Arrays.copyOf(content, kept.size()), kept.toByteArray());
        assertEquals(2, failsOnSecondWrite.writes, "no write after the first failure");
    }

    @Test
    void aSenderPastTheAnnouncedSizeIsRefusedAndOnlyBytesWithinItAreWritten() throws IOException {
        byte[] content = random(3 * Wire.MAX_CHUNK);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ProtocolException e = assertThrows(ProtocolException.class, () -> Chunks.receive(reader(sent(content)), got, 1_500));
        assertEquals("more than the announced 1500 bytes", e.getMessage());
        assertTrue(got.size() <= 1_500, "nothing past the announced size: " + got.size());
        assertArrayEquals(Arrays.copyOf(content, got.size()), got.toByteArray());
    }

    @Test
    void anyAnnouncedSizeUpToLongMaxValueReceivesFullChunks() throws IOException {
        byte[] content = random(3 * Wire.MAX_CHUNK);
        for (long announced : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 40, content.length}) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Chunks.Received received = Chunks.receive(reader(sent(content)), got, announced);
            assertTrue(received.verified(), "announced " + announced);
            assertArrayEquals(content, got.toByteArray(), "announced " + announced);
        }
    }

    private static Chunks.Received receive(Frame... frames) throws IOException {
        return Chunks.receive(reader(Codec.encode(frames)), OutputStream.nullOutputStream(), Long.MAX_VALUE);
    }

    private static byte[] sent(byte[] content) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Chunks.send(new ByteArrayInputStream(content), Long.MAX_VALUE, new FrameWriter(wire));
        return wire.toByteArray();
    }

    private static FrameReader reader(byte[] wire) {
        return new FrameReader(new ByteArrayInputStream(wire));
    }

    private static int crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }
}
