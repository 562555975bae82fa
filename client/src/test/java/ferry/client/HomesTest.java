package ferry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.transfer.Connection;
import ferry.client.transfer.TransferException;
import ferry.protocol.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Per-user homes and permission levels from users.txt, and changes to the file without a restart. */
@Timeout(30)
class HomesTest {
    private static final String USERS = """
            # old-style line: read-write, the whole folder
            demo:demo
            alice home=homes/alice:a
            bob home=homes/bob perm=ro:b
            root perm=admin:r
            """;

    @TempDir
    Path dir;

    private TestServer start() throws Exception {
        return TestServer.start(dir, USERS, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void usersSeeOnlyTheirHomeWhichIsCreatedAtFirstLogin() throws Exception {
        try (var server = start(); Connection alice = server.connect("alice", "a")) {
            assertTrue(Files.isDirectory(server.root.resolve("homes/alice")));
            Files.writeString(server.root.resolve("top.txt"), "not alice's");
            Files.createDirectories(server.root.resolve("homes/bob"));
            Files.writeString(server.root.resolve("homes/bob/secret.txt"), "bob's");
            assertEquals("~", alice.pwd());
            assertEquals(List.of(), alice.list(""));
            assertThrows(TransferException.class, () -> alice.get("../bob/secret.txt", dir.resolve("x"), false));
            assertThrows(TransferException.class, () -> alice.get("../../top.txt", dir.resolve("x"), false));
            assertEquals("..: already at the top of your home", assertThrows(TransferException.class, () -> alice.cd("..")).getMessage());
            assertThrows(TransferException.class, () -> alice.stat("~/../bob"));

            Path mine = Files.writeString(dir.resolve("mine.txt"), "alice's");
            alice.upload(mine, "mine.txt", false);
            assertEquals("alice's", Files.readString(server.root.resolve("homes/alice/mine.txt")));
            assertEquals("your home folder cannot be removed", assertThrows(TransferException.class, () -> alice.rmdir("~", true)).getMessage().replace("~: ", ""));
        }
    }

    @Test
    void readOnlyUsersMayReadButChangeNothing() throws Exception {
        try (var server = start(); Connection bob = server.connect("bob", "b")) {
            Files.writeString(server.root.resolve("homes/bob/report.txt"), "numbers");
            bob.get("report.txt", dir.resolve("report.txt"), false);
            assertEquals("numbers", Files.readString(dir.resolve("report.txt")));
            assertEquals(1, bob.list("").size());
            String refused = "permission denied: %s (read-only account)";
            assertEquals(refused.formatted("report.txt"), assertThrows(TransferException.class, () -> bob.delete("report.txt")).getMessage());
            assertEquals(refused.formatted("report.txt"), assertThrows(TransferException.class, () -> bob.rename("report.txt", "r.txt")).getMessage());
            assertEquals(refused.formatted("new"), assertThrows(TransferException.class, () -> bob.mkdir("new")).getMessage());
            assertEquals(refused.formatted("x.txt"), assertThrows(TransferException.class, () -> bob.upload(dir.resolve("report.txt"), "x.txt", false)).getMessage());
            assertTrue(Files.exists(server.root.resolve("homes/bob/report.txt")));
            assertFalse(Files.exists(server.root.resolve("homes/bob/x.txt")));
        }
    }

    @Test
    void adminSeesEveryHome() throws Exception {
        try (var server = start()) {
            server.connect("alice", "a").quit();
            server.connect("bob", "b").quit();
            try (Connection root = server.connect("root", "r")) {
                List<String> homes = root.list("homes").stream().map(Frame.Entry::name).toList();
                assertEquals(List.of("alice", "bob"), homes);
                assertEquals("~/homes/bob", root.cd("homes/bob"));
            }
        }
    }

    @Test
    void editedUsersFileIsPickedUpAtTheNextLoginAndABrokenOneKeepsTheOldAccounts() throws Exception {
        try (var server = start()) {
            assertThrows(TransferException.class, () -> server.connect("carol", "c"));
            Files.writeString(dir.resolve("users.txt"), USERS + "carol home=carol:c\n");
            server.connect("carol", "c").quit();

            Files.writeString(dir.resolve("users.txt"), "this line has no colon\n");
            server.connect("carol", "c").quit(); // the broken file is refused; carol's account stays
            assertTrue(server.server.reloadUsers().contains("users.txt:1: expected name:password"));

            Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
            assertTrue(server.server.reloadUsers().startsWith("loaded 1 users"));
            assertThrows(TransferException.class, () -> server.connect("carol", "c"));
        }
    }
}
