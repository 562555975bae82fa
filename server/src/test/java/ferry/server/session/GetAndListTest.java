package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** GET and LIST over a real connection; every refusal is one REPLY and leaves the connection usable. */
@Timeout(10)
class GetAndListTest {
    @TempDir
    Path dir;

    @Test
    void getStreamsTheFileInChunksEndedByAVerifiedEnd() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            byte[] content = TestServer.random(2_500, 1); // 1024 + 1024 + 452
            Files.write(server.root.resolve("a.bin"), content);
            client.send(new Frame.Get("a.bin"));
            assertEquals(new Frame.Ready(2_500), client.read());
            assertEquals(1024, client.read(Frame.Chunk.class).bytes().length);
            assertEquals(1024, client.read(Frame.Chunk.class).bytes().length);
            assertEquals(452, client.read(Frame.Chunk.class).bytes().length);
            assertEquals(2_500, client.read(Frame.End.class).size());
            assertArrayEquals(content, client.get("a.bin"));
        }
    }

    @Test
    void getOfAnEmptyFileIsReadyZeroThenEnd() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.createFile(server.root.resolve("empty"));
            client.send(new Frame.Get("empty"));
            assertEquals(new Frame.Ready(0), client.read());
            assertEquals(new Frame.End(0, 0), client.read());
        }
    }

    @Test
    void getOfTheUsersFileBesideTheRootLooksLikeAMissingFile() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(new Frame.Reply(Status.NOT_FOUND, "no such file or folder: ../users.txt"),
                    client.request(new Frame.Get("../users.txt")));
            assertEquals(Status.OK, client.request(new Frame.List("")).status());
        }
    }

    @Test
    void getOfAnAbsolutePathIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "/etc/passwd: absolute paths are not allowed (~/ is your home)"),
                    client.request(new Frame.Get("/etc/passwd")));
            assertEquals(Status.OK, client.request(new Frame.List("")).status());
        }
    }

    @Test
    void getOfAMissingFileIsNotFoundAndTheConnectionStaysUsable() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.writeString(server.root.resolve("there.txt"), "here");
            assertEquals(new Frame.Reply(Status.NOT_FOUND, "no such file or folder: ~/missing.txt"),
                    client.request(new Frame.Get("missing.txt")));
            assertArrayEquals("here".getBytes(), client.get("there.txt"));
        }
    }

    @Test
    void getOfAFolderIsABadRequest() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.createDirectories(server.root.resolve("photos"));
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "~/photos: is a folder"), client.request(new Frame.Get("photos")));
            assertEquals(Status.OK, client.request(new Frame.List("photos")).status());
        }
    }

    @Test
    void getOfAnUploadInProgressIsForbidden() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.writeString(server.root.resolve(".ferry-upload-1.part"), "half");
            assertEquals(Status.FORBIDDEN, client.request(new Frame.Get(".ferry-upload-1.part")).status());
        }
    }

    @Test
    void listSendsOneEntryPerItemSortedThenAReply() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            Files.writeString(server.root.resolve("b.txt"), "bb");
            Files.createDirectories(server.root.resolve("a"));
            client.send(new Frame.List(""));
            List<Frame.Entry> entries = new ArrayList<>();
            Frame frame;
            while ((frame = client.read()) instanceof Frame.Entry entry) {
                entries.add(entry);
            }
            assertEquals(new Frame.Reply(Status.OK, "2 entries"), frame);
            assertEquals(List.of("a", "b.txt"), entries.stream().map(Frame.Entry::name).toList());
            assertTrue(entries.get(0).directory());
            assertEquals(2, entries.get(1).size());
        }
    }

    @Test
    void listOfAMissingFolderIsOnlyAnErrorReply() throws Exception {
        try (var server = TestServer.start(dir); var client = server.login()) {
            assertEquals(new Frame.Reply(Status.NOT_FOUND, "no such file or folder: ~/nope"), client.request(new Frame.List("nope")));
            assertEquals(new Frame.Reply(Status.OK, "0 entries"), client.request(new Frame.List("")));
        }
    }
}
