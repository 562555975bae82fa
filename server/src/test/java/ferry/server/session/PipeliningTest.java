package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ferry.protocol.Chunks;
import ferry.protocol.Encoding;
import ferry.protocol.Frame;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.server.RawClient;
import ferry.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests sent all at once, before any answer, as the protocol allows: every answer arrives, in order, and the
 * last one of a burst is never held back (the server batches answers while more requests wait in its buffer).
 */
@Timeout(30)
class PipeliningTest {
    private static final int[] SIZES = {0, 1, 1024, 1025, 5_000, 100_000};

    @TempDir
    Path dir;

    @Test
    void aBurstOfRequestsIsAnsweredInOrderAndCompletely() throws Exception {
        try (var server = TestServer.start(dir); RawClient client = server.login()) {
            List<byte[]> contents = new ArrayList<>();
            List<Frame> burst = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                byte[] content = TestServer.random(SIZES[i % SIZES.length], i);
                Files.write(server.root.resolve("f" + i), content);
                contents.add(content);
                burst.add(new Frame.Get("f" + i, 0, false));
                if (i == 30) burst.add(new Frame.Get("missing", 0, false));
            }
            burst.add(new Frame.Pwd());
            client.sendRaw(encode(burst));

            for (int i = 0; i < 60; i++) {
                assertEquals(new Frame.Ready(contents.get(i).length, Encoding.NONE), client.read(), "answer to f" + i);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                Chunks.Received received = Chunks.receive(client.reader(), got, contents.get(i).length);
                assertEquals(true, received.verified(), "f" + i);
                assertArrayEquals(contents.get(i), got.toByteArray(), "f" + i);
                if (i == 30) assertEquals(Status.NOT_FOUND, client.read(Frame.Reply.class).status());
            }
            assertEquals(new Frame.Reply(Status.OK, "~"), client.read(), "the burst's last answer, not held back");
        }
    }

    @Test
    void quitInABurstIsAnsweredAndWhatFollowsItIsIgnored() throws Exception {
        try (var server = TestServer.start(dir); RawClient client = server.login()) {
            byte[] content = TestServer.random(3_000, 9);
            Files.write(server.root.resolve("a"), content);
            client.sendRaw(encode(List.of(new Frame.Get("a", 0, false), new Frame.Quit(), new Frame.Get("a", 0, false))));

            assertEquals(new Frame.Ready(3_000, Encoding.NONE), client.read());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            assertEquals(true, Chunks.receive(client.reader(), got, 3_000).verified());
            assertEquals(new Frame.Reply(Status.OK, "goodbye"), client.read());
            client.assertClosedByServer();
        }
    }

    private static byte[] encode(List<Frame> frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(bytes);
        for (Frame frame : frames) writer.write(frame);
        writer.flush();
        return bytes.toByteArray();
    }
}
