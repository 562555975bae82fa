package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.server.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A frame that breaks the protocol gets one BAD_REQUEST with the exact reason, then the connection closes. */
@Timeout(10)
class MalformedFrameTest {
    @TempDir
    Path dir;

    @Test
    void frameLongerThanTheLimitIsRefusedBeforeItsPayloadIsRead() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.sendRaw(new byte[] {0x11, (byte) 0xFF, (byte) 0xFF});
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "frame 0x11 of 65535 bytes exceeds the limit of 16384"),
                    client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void chunkLongerThan1024BytesIsRefused() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.sendRaw(new byte[] {0x20, 0x04, 0x01});
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "frame 0x20 of 1025 bytes exceeds the limit of 1024"),
                    client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void strayChunkInsteadOfARequestIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.send(new Frame.Chunk(new byte[] {1, 2, 3}));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "expected a request, got Chunk"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void strayChunkBeforeLoginIsABadRequestToo() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            client.send(new Frame.Chunk(new byte[] {1}));
            assertEquals(Status.BAD_REQUEST, client.read(Frame.Reply.class).status());
            client.assertClosedByServer();
        }
    }

    @Test
    void strayEndInsteadOfARequestIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.send(new Frame.End(0, 0));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "expected a request, got End"),
                    client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void serverFrameSentByTheClientIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.send(new Frame.Reply(Status.OK, "hi"));
            assertEquals(Status.BAD_REQUEST, client.read(Frame.Reply.class).status());
            client.assertClosedByServer();
        }
    }

    @Test
    void unknownFrameTypeIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.sendRaw(new byte[] {0x7F, 0x00, 0x00});
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "unknown frame type 0x7f"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void frameWithTrailingBytesIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.sendRaw(new byte[] {0x14, 0x00, 0x02, 0x00, 0x00}); // QUIT has no payload
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "frame 0x14 has 2 trailing bytes"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void stringThatIsNotUtf8IsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.sendRaw(new byte[] {0x11, 0x00, 0x04, 0x00, 0x02, (byte) 0xC3, 0x28}); // GET of invalid UTF-8
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "string is not valid UTF-8"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void uploadWithANegativeSizeIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            byte[] upload = {0x12, 0x00, 0x0E, 0x00, 0x01, 'x', // version 2: overwrite, resume, compress
                    (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x00, 0x00, 0x00};
            client.sendRaw(upload);
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "frame 0x12 is invalid: negative size -1"), client.read());
            client.assertClosedByServer();
        }
    }
}
