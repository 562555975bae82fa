package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.server.FillingUpStorage;
import ferry.server.RawClient;
import ferry.server.TestServer;
import ferry.server.auth.Access;
import ferry.server.auth.AuditLog;
import ferry.server.auth.LoginGuard;
import ferry.server.auth.UsersFile;
import ferry.server.storage.Storage;
import ferry.server.transport.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An upload is stored only when every byte arrived and END agrees; otherwise nothing is left behind. */
@Timeout(10)
class UploadProtocolTest {
    @TempDir
    Path dir;

    @Test
    void verifiedUploadIsStored() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            byte[] content = TestServer.random(3_000, 2);
            Frame.Reply reply = client.upload("up.bin", content, false);
            assertEquals(Status.OK, reply.status());
            assertTrue(reply.message().startsWith("stored ~/up.bin: "), reply.message());
            assertEquals(List.of(), TestServer.tempFiles(server.root));
            assertArrayEquals(content, Files.readAllBytes(server.root.resolve("up.bin")));
        }
    }

    @Test
    void aDiskThatFillsUpIsReportedWithItsReasonAndNothingIsStored() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), TestServer.USERS);
        Access access = new Access(UsersFile.load(users), new LoginGuard(5, Duration.ofMinutes(1), Duration.ZERO, AuditLog.NONE),
                AuditLog.NONE);
        Storage storage = new FillingUpStorage(Storage.of(root, Set.of(), Duration.ofSeconds(2)), 100_000, false);
        ExecutorService executor = Listener.newExecutor();
        try (Listener listener = Listener.start(new InetSocketAddress("127.0.0.1", 0),
                new Sessions(access, storage, 10, Duration.ofSeconds(30), "test"), executor);
             RawClient client = RawClient.connect(listener.port())) {
            client.hello();
            client.login("alice", "secret");
            Frame.Reply reply = client.upload("big.bin", TestServer.random(150_000, 3), false);
            assertEquals(new Frame.Reply(Status.SERVER_ERROR, "cannot write the file: No space left on device"), reply);
            assertEquals(Status.OK, client.request(new Frame.List("")).status(), "the session goes on");
            assertFalse(Files.exists(root.resolve("big.bin")));
            assertEquals(List.of(), TestServer.tempFiles(root));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void endWithAWrongChecksumIsAMismatchAndNothingIsStored() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            byte[] content = {1, 2, 3, 4};
            assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("bad.bin", 4, false)));
            client.send(new Frame.Chunk(content));
            client.send(new Frame.End(4, crc(content) ^ 1));
            Frame.Reply reply = client.read(Frame.Reply.class);
            assertEquals(Status.CHECKSUM_MISMATCH, reply.status());
            assertTrue(reply.message().startsWith("~/bad.bin: got 4 bytes"), reply.message());
            assertEquals(new Frame.Reply(Status.OK, "0 entries"), client.request(new Frame.List("")));
            assertFalse(Files.exists(server.root.resolve("bad.bin")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    @Test
    void fewerBytesThanAnnouncedIsAMismatchEvenWhenEndAgreesWithThem() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            byte[] content = {1, 2, 3};
            assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("short.bin", 10, false)));
            client.send(new Frame.Chunk(content));
            client.send(new Frame.End(3, crc(content)));
            assertEquals(Status.CHECKSUM_MISMATCH, client.read(Frame.Reply.class).status());
            assertEquals(Status.OK, client.request(new Frame.List("")).status());
            assertFalse(Files.exists(server.root.resolve("short.bin")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    @Test
    void moreBytesThanAnnouncedClosesTheConnectionAndStoresNothing() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("long.bin", 10, false)));
            client.send(new Frame.Chunk(new byte[11]));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "more than the announced 10 bytes"), client.read());
            client.assertClosedByServer();
            assertFalse(Files.exists(server.root.resolve("long.bin")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    @Test
    void requestInTheMiddleOfAnUploadClosesTheConnectionAndStoresNothing() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("mid.bin", 10, false)));
            client.send(new Frame.Chunk(new byte[5]));
            client.send(new Frame.Get("mid.bin"));
            assertEquals(Status.BAD_REQUEST, client.read(Frame.Reply.class).status());
            client.assertClosedByServer();
            assertFalse(Files.exists(server.root.resolve("mid.bin")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    @Test
    void clientHangingUpMidUploadLeavesNoFileAndNoTemporaryFile() throws Exception {
        try (var server = TestServer.start(dir)) {
            try (RawClient client = server.login()) {
                assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("gone.bin", 5_000, false)));
                assertEquals(1, TestServer.tempFiles(server.root).size(), "the upload has begun");
                client.send(new Frame.Chunk(new byte[1024]));
            }
            TestServer.await("the temporary file is deleted", () -> tempFiles(server.root).isEmpty());
            assertFalse(Files.exists(server.root.resolve("gone.bin")));
        }
    }

    @Test
    void existingFileIsNotReplacedWithoutOverwrite() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.writeString(server.root.resolve("keep.txt"), "original");
            assertEquals(new Frame.Reply(Status.ALREADY_EXISTS, "~/keep.txt already exists"),
                    client.request(new Frame.Upload("keep.txt", 3, false)));
            assertEquals(Status.OK, client.upload("keep.txt", "new".getBytes(), true).status());
            assertEquals("new", Files.readString(server.root.resolve("keep.txt")));
        }
    }

    @Test
    void uploadOutsideTheRootOrOverAReservedNameIsRefusedBeforeAnyChunk() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(Status.NOT_FOUND, client.request(new Frame.Upload("../users.txt", 3, true)).status());
            assertEquals(Status.FORBIDDEN, client.request(new Frame.Upload(".ferry-upload-x", 3, true)).status());
            assertEquals(Status.NOT_FOUND, client.request(new Frame.Upload("no/such/dir.txt", 3, true)).status());
            assertEquals(Status.TOO_LARGE, client.request(new Frame.Upload("huge.bin", Long.MAX_VALUE, true)).status());
            assertEquals(TestServer.USERS, Files.readString(dir.resolve("users.txt")));
            assertEquals(new Frame.Reply(Status.OK, "0 entries"), client.request(new Frame.List("")));
        }
    }

    private static List<Path> tempFiles(Path folder) {
        try {
            return TestServer.tempFiles(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
