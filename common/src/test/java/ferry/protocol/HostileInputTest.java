package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.protocol.Codec.Feed;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bytes a broken or hostile peer may send: each fails with the exact exception and message the session logs, and
 * the same way whether the bytes arrive at once or one per read.
 */
@Timeout(10)
class HostileInputTest {

    @ParameterizedTest
    @EnumSource(Feed.class)
    void unknownFrameTypeIsRejected(Feed feed) {
        assertRejected(feed, "7f 0000", "unknown frame type 0x7f");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void lengthAboveMaxPayloadIsRejectedBeforeThePayloadArrives(Feed feed) {
        assertRejected(feed, "11 4001", "frame 0x11 of 16385 bytes exceeds the limit of 16384");
        assertRejected(feed, "7f ffff", "frame 0x7f of 65535 bytes exceeds the limit of 16384");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void chunkLongerThanMaxChunkIsRejected(Feed feed) {
        assertRejected(feed, "20 0401", "frame 0x20 of 1025 bytes exceeds the limit of 1024");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void emptyChunkIsRejected(Feed feed) {
        assertRejected(feed, "20 0000", "frame 0x20 is invalid: chunk of 0 bytes");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void bytesAfterTheLastFieldAreRejected(Feed feed) {
        assertRejected(feed, "14 0001 00", "frame 0x14 has 1 trailing bytes");
        assertRejected(feed, "21 000f 0000000000000001 00000002 aabbcc", "frame 0x21 has 3 trailing bytes");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void payloadShorterThanItsFieldsIsRejected(Feed feed) {
        assertRejected(feed, "21 000b 0000000000000001 000000", "frame 0x21 is too short (11 bytes)");
        assertRejected(feed, "01 0003 464552", "frame 0x01 is too short (3 bytes)");
        assertRejected(feed, "10 0000", "frame 0x10 is too short (0 bytes)");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void stringLengthAboveMaxStringIsRejected(Feed feed) {
        byte[] text = new byte[Wire.MAX_STRING + 1];
        Arrays.fill(text, (byte) 'a');
        byte[] payload = ByteBuffer.allocate(2 + text.length).putShort((short) text.length).put(text).array();
        assertRejected(feed, Codec.hex(Codec.frame(Wire.GET, payload)), "string of 4097 bytes exceeds 4096");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void stringLengthBeyondThePayloadIsRejected(Feed feed) {
        assertRejected(feed, "11 0004 0005 6162", "frame 0x11 is too short (4 bytes)");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void stringThatIsNotUtf8IsRejected(Feed feed) {
        assertRejected(feed, "11 0003 0001 ff", "string is not valid UTF-8");
        assertRejected(feed, "11 0004 0002 c080", "string is not valid UTF-8"); // overlong NUL (modified UTF-8)
        assertRejected(feed, "11 0005 0003 eda080", "string is not valid UTF-8"); // an encoded lone surrogate
        assertRejected(feed, "11 0004 0002 e697", "string is not valid UTF-8"); // cut inside a character
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void booleanOtherThanZeroOrOneIsRejected(Feed feed) {
        assertRejected(feed, "1a 0004 0001 61 02", "boolean field is 2, not 0 or 1");
        assertRejected(feed, "32 0014 0001 61 ff 0000000000000000 0000000000000000", "boolean field is -1, not 0 or 1");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void unknownStatusCodeIsRejected(Feed feed) {
        assertRejected(feed, "30 0004 03e7 0000", "unknown status 999");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void helloWithoutTheMagicIsRejected(Feed feed) {
        assertRejected(feed, "01 0006 46455258 0001", "not a Ferry client (bad magic)"); // "FERX"
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void fieldThatTheRecordRefusesIsRejectedAsInvalid(Feed feed) {
        assertRejected(feed, "12 000e 0001 61 ffffffffffffffff 00 00 00", "frame 0x12 is invalid: negative size -1");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void aNegativeResumeOffsetOrAnUnknownEncodingIsRejected(Feed feed) {
        assertRejected(feed, "11 000c 0001 61 ffffffffffffffff 00", "frame 0x11 is invalid: negative offset -1");
        assertRejected(feed, "31 0009 0000000000000001 07", "unknown encoding 7");
        assertRejected(feed, "35 0009 8000000000000000 00", "frame 0x35 is invalid: negative offset " + Long.MIN_VALUE);
        assertRejected(feed, "12 000e 0001 61 0000000000000001 00 02 00", "boolean field is 2, not 0 or 1");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void streamEndingInsideTheHeaderIsATruncatedFrame(Feed feed) {
        assertTruncated(feed, "11");
        assertTruncated(feed, "11 00");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void streamEndingInsideThePayloadIsATruncatedFrame(Feed feed) {
        assertTruncated(feed, "11 0005 0003 61");
        assertTruncated(feed, "20 0400");
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void streamEndingAtAFrameBoundaryIsAClosedConnection(Feed feed) throws Exception {
        EOFException empty = assertThrows(EOFException.class, () -> feed.reader(new byte[0]).read());
        assertEquals("connection closed", empty.getMessage());

        FrameReader reader = feed.reader(Codec.hex("14 0000"));
        assertEquals(new Frame.Quit(), reader.read());
        EOFException afterQuit = assertThrows(EOFException.class, reader::read);
        assertEquals("connection closed", afterQuit.getMessage());
    }

    private static void assertRejected(Feed feed, String hex, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> feed.reader(Codec.hex(hex)).read(), hex);
        assertEquals(message, e.getMessage(), hex);
    }

    /** A frame cut short fails with EOFException, but not as "connection closed", which means a clean hang-up. */
    private static void assertTruncated(Feed feed, String hex) {
        EOFException e = assertThrows(EOFException.class, () -> feed.reader(Codec.hex(hex)).read(), hex);
        assertNotEquals("connection closed", e.getMessage(), hex);
    }
}
