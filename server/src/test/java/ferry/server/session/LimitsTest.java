package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import ferry.server.TestServer;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --max-clients and --idle-timeout: a connection over the limit, or silent too long, is said BYE and closed. */
@Timeout(10)
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void connectionBeyondMaxClientsIsToldTooManyClientsAndClosed() throws Exception {
        try (var server = TestServer.start(dir, 2, Duration.ofSeconds(5), Duration.ofSeconds(30));
             var first = server.login();
             var second = server.login();
             var third = server.connect()) { // only now: the first two are surely admitted
            assertEquals(new Frame.Bye("too many clients (at most 2)"), third.read());
            third.assertClosedByServer();
            assertEquals(Status.OK, first.request(new Frame.List("")).status(), "admitted clients are unaffected");
            assertEquals(2, server.server.status().size());
        }
    }

    @Test
    void clientThatSaysHelloAtOnceStillReadsTheTooManyClientsBye() throws Exception {
        // A real client sends HELLO and LOGIN without waiting; the server must not reset the connection on them.
        try (var server = TestServer.start(dir, 1, Duration.ofSeconds(5), Duration.ofSeconds(30));
             var first = server.login()) {
            for (int i = 0; i < 50; i++) {
                try (var extra = server.connect()) {
                    extra.send(new Frame.Hello(Wire.VERSION));
                    extra.send(new Frame.Login("alice", "secret"));
                    assertEquals(new Frame.Bye("too many clients (at most 1)"), extra.read(), "attempt " + i);
                } catch (SocketException e) {
                    fail("attempt " + i + ": the server reset the connection instead of letting the client read BYE: " + e);
                }
            }
        }
    }

    @Test
    void placeFreedByAClientThatLeftIsGivenToTheNext() throws Exception {
        try (var server = TestServer.start(dir, 1, Duration.ofSeconds(5), Duration.ofSeconds(30))) {
            try (var first = server.login()) {
                assertEquals(Status.OK, first.request(new Frame.Quit()).status());
                first.assertClosedByServer();
            }
            try (var next = server.login()) {
                assertEquals(Status.OK, next.request(new Frame.List("")).status());
            }
        }
    }

    @Test
    void clientRefusedForBeingOneTooManyDoesNotTakeAPlace() throws Exception {
        try (var server = TestServer.start(dir, 1, Duration.ofSeconds(5), Duration.ofSeconds(30))) {
            try (var first = server.login()) {
                for (int i = 0; i < 3; i++) {
                    try (var extra = server.connect()) {
                        assertEquals(Frame.Bye.class, extra.read().getClass());
                    }
                }
                assertEquals(Status.OK, first.request(new Frame.Quit()).status());
                first.assertClosedByServer();
            }
            try (var next = server.login()) {
                assertEquals(Status.OK, next.request(new Frame.List("")).status());
            }
        }
    }

    @Test
    void idleClientIsSaidByeAndClosed() throws Exception {
        try (var server = TestServer.start(dir, 10, Duration.ofSeconds(5), Duration.ofMillis(300));
             var client = server.login()) {
            Frame.Bye bye = client.read(Frame.Bye.class);
            assertTrue(bye.reason().startsWith("idle"), bye.reason());
            client.assertClosedByServer();
        }
    }

    @Test
    void silentConnectionThatNeverSaysHelloIsSaidByeAndClosed() throws Exception {
        try (var server = TestServer.start(dir, 10, Duration.ofSeconds(5), Duration.ofMillis(300));
             var client = server.connect()) {
            assertEquals(new Frame.Bye("idle for 300 ms"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void clientThatStopsReadingADownloadIsClosedAfterTheIdleTimeoutAndReleasesTheFile() throws Exception {
        try (var server = TestServer.start(dir, 10, Duration.ofSeconds(5), Duration.ofMillis(300));
             var stalled = server.login()) {
            java.nio.file.Files.write(server.root.resolve("big.bin"), new byte[32 << 20]);
            stalled.send(new Frame.Get("big.bin"));
            assertEquals(new Frame.Ready(32 << 20), stalled.read()); // then reads nothing: the server's writes block
            TestServer.await("the stalled connection is closed", () -> server.server.status().isEmpty());
            try (var other = server.login()) {
                assertEquals(Status.OK, other.request(new Frame.Delete("big.bin")).status(), "its read lock is released");
            }
        }
    }

    @Test
    void requestsKeepAConnectionAlivePastTheIdleTimeout() throws Exception {
        try (var server = TestServer.start(dir, 10, Duration.ofSeconds(5), Duration.ofMillis(300));
             var client = server.login()) {
            long deadline = System.nanoTime() + Duration.ofMillis(900).toNanos();
            while (System.nanoTime() < deadline) {
                assertEquals(Status.OK, client.request(new Frame.List("")).status());
            }
        }
    }
}
