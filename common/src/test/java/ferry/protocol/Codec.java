package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** What the codec tests share: frames to bytes, bytes to a reader over a chosen {@link Feed}, hex, chunk equality. */
final class Codec {
    private Codec() {}

    /** How bytes reach a {@link FrameReader}: all at once, or one byte per read like a slow socket (Okio's idea). */
    enum Feed {
        WHOLE {
            @Override
            InputStream open(byte[] bytes) {
                return new ByteArrayInputStream(bytes);
            }
        },
        ONE_BYTE_AT_A_TIME {
            @Override
            InputStream open(byte[] bytes) {
                return new FilterInputStream(new ByteArrayInputStream(bytes)) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return super.read(b, off, Math.min(len, 1));
                    }

                    @Override
                    public int available() {
                        return 0; // so no buffering layer can tell that more is ready
                    }
                };
            }
        };

        abstract InputStream open(byte[] bytes);

        FrameReader reader(byte[] bytes) {
            return new FrameReader(open(bytes));
        }
    }

    /** Bytes from hex that may be spaced by field for reading: {@code "21 000c 00000000000009c4 cafebabe"}. */
    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A raw frame: {@code type}, then the length of {@code payload} as u16, then {@code payload}. */
    static byte[] frame(int type, byte[] payload) {
        return ByteBuffer.allocate(Wire.HEADER_BYTES + payload.length)
                .put((byte) type)
                .putShort((short) payload.length)
                .put(payload)
                .array();
    }

    /** {@code n} bytes that repeat for the same {@code seed}. */
    static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] encode(Frame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes);
        for (Frame frame : frames) {
            writer.write(frame);
        }
        writer.flush();
        return bytes.toByteArray();
    }

    /** Equal frames; chunks, which compare by identity, by their bytes. */
    static void assertSameFrame(Frame expected, Frame actual) {
        if (expected instanceof Frame.Chunk(byte[] want) && actual instanceof Frame.Chunk(byte[] got)) {
            assertArrayEquals(want, got);
        } else {
            assertEquals(expected, actual);
        }
    }
}
