package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import ferry.server.TestServer;
import java.io.EOFException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The first frame must be HELLO with a version the server speaks; anything else is answered once and closed. */
@Timeout(10)
class HandshakeTest {
    @TempDir
    Path dir;

    @Test
    void helloWithOurVersionIsWelcomed() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.send(new Frame.Hello(Wire.VERSION));
            Frame.Welcome welcome = client.read(Frame.Welcome.class);
            assertEquals(Wire.VERSION, welcome.version());
            assertTrue(welcome.server().startsWith("Ferry "), welcome.server());
        }
    }

    @Test
    void helloWithAnotherVersionGetsUnsupportedVersionAndIsClosed() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            Frame.Reply reply = client.request(new Frame.Hello(1)); // a client from before resume and compression
            assertEquals(new Frame.Reply(Status.UNSUPPORTED_VERSION, "this server speaks protocol version 2, not 1"), reply);
            client.assertClosedByServer();
        }
    }

    @Test
    void firstFrameOtherThanHelloGetsBadRequestAndIsClosed() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            Frame.Reply reply = client.request(new Frame.Login("alice", "secret"));
            assertEquals(Status.BAD_REQUEST, reply.status());
            assertEquals("expected HELLO, got Login", reply.message(), "the password is never echoed");
            client.assertClosedByServer();
        }
    }

    @Test
    void helloWithoutTheMagicBytesIsNotAFerryClient() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.sendRaw(new byte[] {0x01, 0x00, 0x06, 'H', 'T', 'T', 'P', 0x00, 0x01});
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "not a Ferry client (bad magic)"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void httpRequestGetsAReplyOrACloseNeverAHangAndTheServerCarriesOn() throws Exception {
        try (var server = TestServer.start(dir)) {
            try (var client = server.connect()) {
                client.sendRaw("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                try {
                    Frame frame = client.read();
                    assertEquals(Status.BAD_REQUEST, assertInstanceOf(Frame.Reply.class, frame).status());
                    client.assertClosedByServer();
                } catch (EOFException | SocketException closedAtOnce) {
                    // also acceptable: the unread request bytes may turn the close into a reset
                }
            }
            try (var client = server.login()) {
                assertEquals(Status.OK, client.request(new Frame.Quit()).status());
            }
        }
    }

    @Test
    void clientThatHangsUpBeforeHelloDoesNotDisturbOthers() throws Exception {
        try (var server = TestServer.start(dir); var halfClosed = server.connect()) {
            server.connect().close();
            halfClosed.socket().shutdownOutput();
            halfClosed.assertClosedByServer();
            try (var client = server.login()) {
                assertEquals(Status.OK, client.request(new Frame.List("")).status());
            }
        }
    }

    @Test
    void secondHelloAfterTheHandshakeIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.connect()) {
            client.hello();
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "expected a request, got Hello"),
                    client.request(new Frame.Hello(Wire.VERSION)));
            client.assertClosedByServer();
        }
    }
}
