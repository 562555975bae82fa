package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Chunks;
import ferry.protocol.Encoding;
import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.server.RawClient;
import ferry.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** GET from an offset and resumable UPLOADs at the frame level, well-behaved and hostile. */
@Timeout(20)
class ResumeProtocolTest {
    @TempDir
    Path dir;

    @Test
    void getFromAnOffsetSendsTheRestAndEndsWithTheWholeFilesChecksum() throws Exception {
        byte[] content = TestServer.random(5_000, 1);
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.write(server.root.resolve("a.bin"), content);
            client.send(new Frame.Get("a.bin", 3_000, false));
            assertEquals(new Frame.Ready(5_000, Encoding.NONE), client.read());
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            Chunks.Received received = Chunks.receive(client.reader(), rest, 2_000, Encoding.NONE,
                    crcOf(content, 3_000), 3_000, b -> {});
            assertTrue(received.verified());
            assertEquals(new Frame.End(5_000, crc(content)), received.announced());
            assertArrayEquals(Arrays.copyOfRange(content, 3_000, 5_000), rest.toByteArray());
        }
    }

    @Test
    void getAtTheVeryEndSendsNoChunkOnlyTheWholeFilesEnd() throws Exception {
        byte[] content = TestServer.random(2_000, 2);
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.write(server.root.resolve("a.bin"), content);
            client.send(new Frame.Get("a.bin", 2_000, false));
            assertEquals(new Frame.Ready(2_000, Encoding.NONE), client.read());
            assertEquals(new Frame.End(2_000, crc(content)), client.read());
        }
    }

    @Test
    void getFromBeyondTheEndIsABadRequestAndTheConnectionStaysUsable() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.write(server.root.resolve("a.bin"), new byte[10]);
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "~/a.bin: offset 11 is beyond the end of the file (10 bytes)"),
                    client.request(new Frame.Get("a.bin", 11, false)));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "~/a.bin: offset 9223372036854775807 is beyond the end of the file (10 bytes)"),
                    client.request(new Frame.Get("a.bin", Long.MAX_VALUE, true)));
            assertArrayEquals(new byte[10], client.get("a.bin"));
        }
    }

    @Test
    void aNegativeOffsetOnTheWireIsRefusedAndTheConnectionClosed() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            client.sendRaw(java.util.HexFormat.of().parseHex("11000c000161ffffffffffffffff00"));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "frame 0x11 is invalid: negative offset -1"), client.read());
            client.assertClosedByServer();
        }
    }

    @Test
    void resumesOutsideTheHomeOrOnReservedNamesAreRefusedBeforeAnyChunk() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(Status.NOT_FOUND, client.request(new Frame.Upload("../users.txt", 3, true, true, false)).status());
            assertEquals(Status.NOT_FOUND, client.request(new Frame.Get("../users.txt", 1, false)).status());
            assertEquals(Status.BAD_REQUEST, client.request(new Frame.Upload("/etc/passwd", 3, true, true, false)).status());
            assertEquals(Status.FORBIDDEN, client.request(new Frame.Upload(".ferry-upload-resume-x.part", 3, true, true, false)).status());
            assertEquals(Status.TOO_LARGE, client.request(new Frame.Upload("huge.bin", Long.MAX_VALUE, true, true, false)).status());
            assertEquals(new Frame.Reply(Status.OK, "0 entries"), client.request(new Frame.List("")));
        }
    }

    @Test
    void aCutResumableUploadLeavesAHiddenPartialThatTheNextOneContinues() throws Exception {
        byte[] content = TestServer.random(10_000, 3);
        try (var server = TestServer.start(dir)) {
            try (RawClient first = server.login()) {
                assertEquals(RawClient.ACCEPTED, first.ask(new Frame.Upload("up.bin", 10_000, false, true, false)));
                first.send(new Frame.Chunk(Arrays.copyOf(content, 1_000)));
                first.send(new Frame.Chunk(Arrays.copyOfRange(content, 1_000, 2_000)));
            } // hangs up mid-upload
            TestServer.await("the partial holds what arrived", () -> partialSizes(server.root).equals(List.of(2_000L)));
            try (RawClient second = server.login()) {
                assertEquals(new Frame.Reply(Status.OK, "0 entries"), second.request(new Frame.List("")), "never listed");
                assertEquals(new Frame.Accept(2_000, Encoding.NONE), second.ask(new Frame.Upload("up.bin", 10_000, false, true, false)));
                ByteArrayInputStream file = new ByteArrayInputStream(content);
                CRC32C prefix = Chunks.crcOf(file, 2_000);
                Chunks.send(file, 8_000, second.writer(), Encoding.NONE, prefix, 2_000, b -> {});
                Frame.Reply reply = second.read(Frame.Reply.class);
                assertEquals(Status.OK, reply.status(), reply.message());
            }
            assertArrayEquals(content, Files.readAllBytes(server.root.resolve("up.bin")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    @Test
    void aPartialThatDoesNotMatchTheFileIsReportedAndDeletedAndNothingIsStored() throws Exception {
        byte[] content = TestServer.random(6_000, 4);
        try (var server = TestServer.start(dir)) {
            try (RawClient first = server.login()) {
                first.ask(new Frame.Upload("up.bin", 6_000, false, true, false));
                byte[] wrong = Arrays.copyOf(content, 3_000);
                wrong[10] ^= 1; // the bytes the server got differ from the file's
                first.send(new Frame.Chunk(Arrays.copyOf(wrong, 1_000)));
                first.send(new Frame.Chunk(Arrays.copyOfRange(wrong, 1_000, 2_000)));
                first.send(new Frame.Chunk(Arrays.copyOfRange(wrong, 2_000, 3_000)));
            }
            TestServer.await("the partial holds what arrived", () -> partialSizes(server.root).equals(List.of(3_000L)));
            try (RawClient second = server.login()) {
                assertEquals(new Frame.Accept(3_000, Encoding.NONE), second.ask(new Frame.Upload("up.bin", 6_000, false, true, false)));
                ByteArrayInputStream file = new ByteArrayInputStream(content);
                Chunks.send(file, 3_000, second.writer(), Encoding.NONE, Chunks.crcOf(file, 3_000), 3_000, b -> {});
                Frame.Reply reply = second.read(Frame.Reply.class);
                assertEquals(Status.CHECKSUM_MISMATCH, reply.status());
                assertTrue(reply.message().endsWith("the server's partial (3000 bytes) did not match your file and was deleted"), reply.message());
            }
            assertFalse(Files.exists(server.root.resolve("up.bin")));
            assertEquals(List.of(), TestServer.tempFiles(server.root));
        }
    }

    @Test
    void aPartialLongerThanTheAnnouncedFileIsStartedAfresh() throws Exception {
        try (var server = TestServer.start(dir)) {
            try (RawClient first = server.login()) {
                first.ask(new Frame.Upload("up.bin", 5_000, false, true, false));
                first.send(new Frame.Chunk(new byte[1_000]));
                first.send(new Frame.Chunk(new byte[1_000]));
            }
            TestServer.await("the partial holds what arrived", () -> partialSizes(server.root).equals(List.of(2_000L)));
            try (RawClient second = server.login()) {
                assertEquals(RawClient.ACCEPTED, second.ask(new Frame.Upload("up.bin", 1_500, false, true, false)));
            }
        }
    }

    @Test
    void oneUsersPartialIsNeverContinuedByAnother() throws Exception {
        try (var server = TestServer.start(dir)) {
            try (RawClient alice = server.login()) {
                alice.ask(new Frame.Upload("up.bin", 5_000, false, true, false));
                alice.send(new Frame.Chunk(new byte[1_000]));
            }
            TestServer.await("alice's partial", () -> partialSizes(server.root).equals(List.of(1_000L)));
            try (RawClient bob = server.login("bob", "pa:ss")) {
                assertEquals(RawClient.ACCEPTED, bob.ask(new Frame.Upload("up.bin", 5_000, false, true, false)));
            }
        }
    }

    @Test
    void anUploadWithoutResumeStillLeavesNothingBehindWhenCut() throws Exception {
        try (var server = TestServer.start(dir)) {
            try (RawClient client = server.login()) {
                assertEquals(RawClient.ACCEPTED, client.ask(new Frame.Upload("plain.bin", 5_000, false)));
                client.send(new Frame.Chunk(new byte[1_000]));
            }
            TestServer.await("the temporary file is deleted", () -> tempFilesQuietly(server.root).isEmpty());
        }
    }

    private static List<Long> partialSizes(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".ferry-upload-resume-"))
                    .map(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return -1L;
                        }
                    }).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> tempFilesQuietly(Path folder) {
        try {
            return TestServer.tempFiles(folder);
        } catch (IOException e) {
            return List.of(folder);
        }
    }

    private static CRC32C crcOf(byte[] content, int length) throws IOException {
        return Chunks.crcOf(new ByteArrayInputStream(content), length);
    }

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }
}
