package ferry.protocol;

import static ferry.protocol.Codec.assertSameFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.protocol.Codec.Feed;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exact bytes of one frame of each shape, written by hand from the diagram in {@link Wire}: type, u16 length,
 * payload, all big-endian. A change here breaks every deployed peer, so these are spelled out, never computed.
 */
@Timeout(10)
class GoldenBytesTest {

    static Stream<Arguments> frames() {
        return Stream.of(
                golden("HELLO", new Frame.Hello(1),
                        "01 0006 46455259 0001"), // "FERY", version 1
                golden("WELCOME", new Frame.Welcome(0xFFFF, "ferry"),
                        "02 0009 ffff 0005 6665727279"),
                golden("LOGIN", new Frame.Login("alice", "s3cret"),
                        "10 000f 0005 616c696365 0006 733363726574"),
                golden("GET", new Frame.Get("a/b.txt", 1024, true), // resume at 1024, compressed if it pays
                        "11 0012 0007 612f622e747874 0000000000000400 01"),
                golden("UPLOAD", new Frame.Upload("a/b.txt", 2500, true),
                        "12 0014 0007 612f622e747874 00000000000009c4 01 00 00"),
                golden("UPLOAD resumable and compressed", new Frame.Upload("a/b.txt", 2500, false, true, true),
                        "12 0014 0007 612f622e747874 00000000000009c4 00 01 01"),
                golden("READY deflated", new Frame.Ready(2500, Encoding.DEFLATE),
                        "31 0009 00000000000009c4 01"),
                golden("ACCEPT from 1024", new Frame.Accept(1024, Encoding.NONE),
                        "35 0009 0000000000000400 00"),
                golden("QUIT", new Frame.Quit(),
                        "14 0000"),
                golden("RMDIR", new Frame.Rmdir("old", false),
                        "1a 0006 0003 6f6c64 00"),
                golden("CHUNK", new Frame.Chunk(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                        "20 0004 deadbeef"),
                golden("END", new Frame.End(2500, 0xCAFEBABE), // a negative int: the crc is 32 raw bits
                        "21 000c 00000000000009c4 cafebabe"),
                golden("REPLY", new Frame.Reply(Status.NOT_FOUND, "gone: ü"), // 404; ü is two bytes of UTF-8
                        "30 000c 0194 0008 676f6e653a20c3bc"),
                golden("ENTRY", new Frame.Entry("日記.txt", false, 1024, 1_700_000_000_000L),
                        "32 001d 000a e697a5e8a8982e747874 00 0000000000000400 0000018bcfe56800"),
                golden("ENTRY of a folder before 1970", new Frame.Entry("d", true, 0, -1),
                        "32 0014 0001 64 01 0000000000000000 ffffffffffffffff"),
                golden("BYE", new Frame.Bye("server shutting down"),
                        "33 0016 0014 736572766572207368757474696e6720646f776e"));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void writerEncodesEachFrameExactlyAsTheDiagramDraws(Frame frame, String hex) throws Exception {
        assertEquals(Codec.hex(Codec.hex(hex)), Codec.hex(Codec.encode(frame)));
    }

    @ParameterizedTest
    @MethodSource("frames")
    void readerDecodesTheDiagramsBytesToAnEqualFrame(Frame frame, String hex) throws Exception {
        for (Feed feed : Feed.values()) {
            assertSameFrame(frame, feed.reader(Codec.hex(hex)).read());
        }
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void framesFollowEachOtherWithNothingBetween(Feed feed) throws Exception {
        FrameReader reader = feed.reader(Codec.hex("14 0000" + "16 0000" + "31 0009 0000000000000007 00"));
        assertEquals(new Frame.Quit(), reader.read());
        assertEquals(new Frame.Pwd(), reader.read());
        assertEquals(new Frame.Ready(7), reader.read());
    }

    private static Arguments golden(String name, Frame frame, String hex) {
        return Arguments.of(Named.of(name, frame), hex);
    }
}
