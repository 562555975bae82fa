package ferry.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The elastic buffers lose, reorder and hold back nothing, whatever the write and read sizes. */
class ElasticStreamsTest {
    @Test
    void everyByteWrittenInMixedSizesArrivesInOrderAfterFlush() throws IOException {
        Random random = new Random(42);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ElasticOutputStream out = new ElasticOutputStream(sink);
        for (int i = 0; i < 2_000; i++) {
            int size = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> random.nextInt(100);
                case 2 -> random.nextInt(5_000);
                default -> random.nextInt(150_000);
            };
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            if (size == 1) out.write(bytes[0]); else out.write(bytes, 0, size);
            expected.write(bytes);
            if (random.nextInt(10) == 0) {
                out.flush();
                assertEquals(expected.size(), sink.size(), "flush leaves nothing behind");
            }
        }
        out.flush();
        assertArrayEquals(expected.toByteArray(), sink.toByteArray());
    }

    @Test
    void readsOfMixedSizesOverAStreamThatReturnsShortReadsSeeEveryByte() throws IOException {
        byte[] content = new byte[3_000_000];
        new Random(7).nextBytes(content);
        Random random = new Random(8);
        InputStream trickle = new ByteArrayInputStream(content) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.max(1, Math.min(len, random.nextInt(100_000)))); // short reads, as sockets give
            }
        };
        ElasticInputStream in = new ElasticInputStream(trickle);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000_000; i++) {
            if (random.nextInt(5) == 0) {
                int b = in.read();
                if (b < 0) break;
                got.write(b);
            } else {
                byte[] buffer = new byte[random.nextInt(100_000) + 1];
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) break;
                got.write(buffer, 0, n);
            }
        }
        assertArrayEquals(content, got.toByteArray());
    }
}
