package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Frame;
import ferry.protocol.Status;
import ferry.server.RawClient;
import ferry.server.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A user sees only their home (~), and a read-only user changes nothing. */
@Timeout(10)
class HomesAndPermissionsTest {
    private static final String USERS = """
            alice:secret
            carol home=homes/carol:pw
            reader perm=ro:pw
            boss perm=admin home=ignored:pw
            """;

    @TempDir
    Path dir;

    @Test
    void userWithAHomeWorksInsideItAndCannotClimbOut() throws Exception {
        try (var server = TestServer.start(dir, USERS); var carol = server.login("carol", "pw")) {
            Files.writeString(server.root.resolve("top.txt"), "not carol's");
            assertTrue(Files.isDirectory(server.root.resolve("homes/carol")), "the home is made at the first login");
            assertEquals(new Frame.Reply(Status.OK, "~"), carol.request(new Frame.Pwd()));
            assertEquals(Status.OK, carol.upload("c.txt", "mine".getBytes(), false).status());
            assertEquals("mine", Files.readString(server.root.resolve("homes/carol/c.txt")));
            assertEquals(List.of("c.txt"), names(carol, ""));
            for (String escape : new String[] {"../../top.txt", "~/../../top.txt", "../carol/c.txt"}) {
                assertEquals(Status.NOT_FOUND, carol.request(new Frame.Get(escape)).status(), escape);
            }
            assertEquals(Status.BAD_REQUEST, carol.request(new Frame.Get("/top.txt")).status());
            assertEquals(new Frame.Reply(Status.BAD_REQUEST, "..: already at the top of your home"),
                    carol.request(new Frame.Cd("..")));
            assertEquals(Status.BAD_REQUEST, carol.request(new Frame.Rmdir("~", true)).status());
            assertTrue(Files.isDirectory(server.root.resolve("homes/carol")));
        }
    }

    @Test
    void cdChangesWhereRelativePathsPointAndCdDotDotComesBack() throws Exception {
        try (var server = TestServer.start(dir, USERS); var alice = server.login()) {
            assertEquals(new Frame.Reply(Status.OK, "created ~/photos"), alice.request(new Frame.Mkdir("photos")));
            assertEquals(new Frame.Reply(Status.OK, "~/photos"), alice.request(new Frame.Cd("photos")));
            assertEquals(Status.OK, alice.upload("x.jpg", new byte[] {1}, false).status());
            assertTrue(Files.exists(server.root.resolve("photos/x.jpg")));
            assertArrayEquals(new byte[] {1}, alice.get("~/photos/x.jpg"));
            assertEquals(new Frame.Reply(Status.OK, "~"), alice.request(new Frame.Cd("..")));
        }
    }

    @Test
    void cdToAFileNamesItWhereItIs() throws Exception {
        try (var server = TestServer.start(dir, USERS); var alice = server.login()) {
            Files.createDirectories(server.root.resolve("photos"));
            Files.writeString(server.root.resolve("photos/x.jpg"), "x");
            assertEquals(new Frame.Reply(Status.OK, "~/photos"), alice.request(new Frame.Cd("photos")));
            Frame.Reply reply = alice.request(new Frame.Cd("x.jpg"));
            assertEquals(Status.BAD_REQUEST, reply.status());
            // Either as typed or where it is; "~/x.jpg" would name a file that does not exist.
            assertTrue(Set.of("x.jpg: is not a folder", "~/photos/x.jpg: is not a folder").contains(reply.message()),
                    reply.message());
        }
    }

    @Test
    void readOnlyUserCanDownloadButChangesNothing() throws Exception {
        try (var server = TestServer.start(dir, USERS); var reader = server.login("reader", "pw")) {
            Files.writeString(server.root.resolve("a.txt"), "a");
            Files.createDirectories(server.root.resolve("folder"));
            assertArrayEquals("a".getBytes(), reader.get("a.txt"));
            assertEquals(new Frame.Reply(Status.FORBIDDEN, "permission denied: ~/new.txt (read-only account)"),
                    reader.request(new Frame.Upload("new.txt", 1, false)));
            assertEquals(Status.FORBIDDEN, reader.request(new Frame.Delete("a.txt")).status());
            assertEquals(Status.FORBIDDEN, reader.request(new Frame.Rename("a.txt", "b.txt")).status());
            assertEquals(Status.FORBIDDEN, reader.request(new Frame.Mkdir("new")).status());
            assertEquals(Status.FORBIDDEN, reader.request(new Frame.Rmdir("folder", true)).status());
            assertEquals(List.of("a.txt", "folder"), names(reader, ""));
        }
    }

    @Test
    void adminSeesTheWholeServedFolder() throws Exception {
        try (var server = TestServer.start(dir, USERS); var carol = server.login("carol", "pw")) {
            carol.upload("c.txt", "c".getBytes(), false);
            try (var boss = server.login("boss", "pw")) {
                assertEquals(List.of("homes"), names(boss, ""));
                assertArrayEquals("c".getBytes(), boss.get("homes/carol/c.txt"));
                assertFalse(Files.exists(server.root.resolve("ignored")));
            }
        }
    }

    @Test
    void statGivesSizeAndBothChecksumsOfAFile() throws Exception {
        try (var server = TestServer.start(dir, USERS); var alice = server.login()) {
            Files.writeString(server.root.resolve("abc.txt"), "abc");
            alice.send(new Frame.Stat("abc.txt"));
            Frame.Info info = alice.read(Frame.Info.class);
            assertEquals("~/abc.txt", info.name());
            assertEquals(3, info.size());
            assertEquals(0x364b3fb7, info.crc32c()); // CRC32C("abc")
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest("abc".getBytes(StandardCharsets.UTF_8))), info.sha256());
        }
    }

    @Test
    void usersFileInsideTheRootStaysHiddenWhenItsFolderIsRenamed() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        try (var server = TestServer.start(root, root.resolve("conf/users.txt"), USERS, 10, Duration.ofSeconds(5),
                Duration.ofSeconds(30));
             RawClient alice = server.login()) {
            assertEquals(Status.FORBIDDEN, alice.request(new Frame.Get("conf/users.txt")).status());
            Frame.Reply rename = alice.request(new Frame.Rename("conf", "public"));
            alice.send(new Frame.Get("public/users.txt"));
            assertFalse(alice.read() instanceof Frame.Ready, "the users file, passwords and all, is sent to alice");
            assertNotEquals(Status.OK, rename.status(), "renaming its folder unhides the users file");
        }
    }

    private static List<String> names(RawClient client, String folder) throws Exception {
        client.send(new Frame.List(folder));
        List<String> names = new ArrayList<>();
        Frame frame;
        while ((frame = client.read()) instanceof Frame.Entry entry) {
            names.add(entry.name());
        }
        assertEquals(Status.OK, ((Frame.Reply) frame).status());
        return names;
    }
}
