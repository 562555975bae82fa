package ferry.protocol;

import static ferry.protocol.Codec.assertSameFrame;
import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ferry.protocol.Codec.Feed;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Every frame the records allow survives {@link FrameWriter} then {@link FrameReader}, alone or many on one stream,
 * whole or one byte per read. jqwik runs these and ignores Jupiter's {@code @Timeout}; every try is in memory.
 */
class FrameRoundTripTest {

    @Property
    void everyFrameReadsBackEqualToWhatWasWritten(@ForAll("frames") Frame frame, @ForAll Feed feed) throws IOException {
        FrameReader reader = feed.reader(Codec.encode(frame));
        assertSameFrame(frame, reader.read());
        assertEquals("connection closed", assertThrows(EOFException.class, reader::read).getMessage());
    }

    @Property(tries = 200)
    void manyFramesOnOneStreamReadBackInOrder(@ForAll("sequences") List<Frame> frames, @ForAll Feed feed)
            throws IOException {
        FrameReader reader = feed.reader(Codec.encode(frames.toArray(Frame[]::new)));
        for (Frame frame : frames) {
            assertSameFrame(frame, reader.read());
        }
        assertEquals("connection closed", assertThrows(EOFException.class, reader::read).getMessage());
    }

    @Property
    void frameCutShortAnywhereIsTruncatedNotAClosedConnection(
            @ForAll("frames") Frame frame,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where,
            @ForAll Feed feed) throws IOException {
        byte[] whole = Codec.encode(frame);
        int cut = 1 + (int) (where * (whole.length - 1)); // 1 .. length-1: at least the type byte, never all
        FrameReader reader = feed.reader(Arrays.copyOf(whole, cut));
        assertNotEquals("connection closed", assertThrows(EOFException.class, reader::read).getMessage());
    }

    @Property
    void chunkWrittenFromASliceIsTheChunkOfThoseBytes(
            @ForAll("chunkBytes") byte[] bytes,
            @ForAll @IntRange(max = 64) int before,
            @ForAll @IntRange(max = 64) int after) throws IOException {
        byte[] buffer = new byte[before + bytes.length + after];
        Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(bytes, 0, buffer, before, bytes.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(out);
        writer.writeChunk(buffer, before, bytes.length);
        writer.flush();
        assertEquals(Codec.hex(Codec.encode(new Frame.Chunk(bytes))), Codec.hex(out.toByteArray()));
    }

    @Example
    void generatorMakesEveryKindOfFrame() {
        Set<Class<?>> made = frames().sampleStream().limit(3_000).map(Object::getClass).collect(toSet());
        assertEquals(recordsOf(Frame.class), made, "add the new frame to frames()");
    }

    @Provide
    Arbitrary<List<Frame>> sequences() {
        return frames().list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<byte[]> chunkBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(Wire.MAX_CHUNK);
    }

    @Provide
    Arbitrary<Frame> frames() {
        Arbitrary<String> text = strings();
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Integer> i32 = Arbitraries.integers();
        Arbitrary<Long> i64 = Arbitraries.longs();
        Arbitrary<Long> size = Arbitraries.longs().greaterOrEqual(0);
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                u16.map(Frame.Hello::new),
                Combinators.combine(u16, text).as(Frame.Welcome::new),
                Combinators.combine(text, text).as(Frame.Login::new),
                Combinators.combine(text, size, bool).as(Frame.Get::new),
                Combinators.combine(text, size, bool, bool, bool).as(Frame.Upload::new),
                text.map(Frame.List::new),
                Arbitraries.just(new Frame.Quit()),
                text.map(Frame.Cd::new),
                Arbitraries.just(new Frame.Pwd()),
                text.map(Frame.Delete::new),
                Combinators.combine(text, text).as(Frame.Rename::new),
                text.map(Frame.Mkdir::new),
                Combinators.combine(text, bool).as(Frame.Rmdir::new),
                text.map(Frame.Stat::new),
                chunkBytes().map(Frame.Chunk::new),
                Combinators.combine(size, i32).as(Frame.End::new),
                Combinators.combine(Arbitraries.of(Status.class), text).as(Frame.Reply::new),
                Combinators.combine(size, Arbitraries.of(Encoding.class)).as(Frame.Ready::new),
                Combinators.combine(size, Arbitraries.of(Encoding.class)).as(Frame.Accept::new),
                Combinators.combine(text, bool, size, i64).as(Frame.Entry::new),
                text.map(Frame.Bye::new),
                Combinators.combine(text, bool, size, i64, i32, text).as(Frame.Info::new));
    }

    /** Well-formed text of 0..MAX_STRING bytes of UTF-8 from every plane, often exactly at the limit. */
    static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 0x7F)), // one byte, NUL and controls too
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)), // two: é, ü, Ж
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xFFFF)
                        .filter(c -> !Character.isSurrogate((char) c.intValue()))), // three: 日, €
                Tuple.of(1, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT))); // four: 😀
        return Arbitraries.frequencyOf(
                Tuple.of(6, codePoint.list().ofMaxSize(40).map(points -> fit(points, false))),
                Tuple.of(2, codePoint.list().ofMaxSize(1_500).map(points -> fit(points, false))),
                Tuple.of(2, codePoint.list().ofMaxSize(1_500).map(points -> fit(points, true))));
    }

    /** The leading code points that fit in MAX_STRING bytes of UTF-8, padded with 'x' to exactly that if asked. */
    private static String fit(List<Integer> codePoints, boolean toTheLimit) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        for (int codePoint : codePoints) {
            int length = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + length > Wire.MAX_STRING) {
                break;
            }
            text.appendCodePoint(codePoint);
            bytes += length;
        }
        return toTheLimit ? text.append("x".repeat(Wire.MAX_STRING - bytes)).toString() : text.toString();
    }

    private static Set<Class<?>> recordsOf(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(type -> type.isSealed() ? recordsOf(type).stream() : Stream.of(type))
                .collect(toSet());
    }
}
