package ferry.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** users.txt is read again when it changes; a broken edit keeps the accounts read before. */
@Timeout(10)
class UsersFileTest {
    @TempDir
    Path dir;

    @Test
    void changedFileIsReadAgainAtTheNextLogin() throws Exception {
        Path file = write("alice:old\n", 1);
        UsersFile users = UsersFile.load(file);
        write("alice:new\nbob:pw\n", 2);
        assertEquals(Optional.empty(), users.authenticate("alice", "old"));
        assertEquals(Optional.of(new User("alice")), users.authenticate("alice", "new"));
        assertEquals(Optional.of(new User("bob")), users.authenticate("bob", "pw"));
    }

    @Test
    void brokenEditKeepsThePreviousAccounts() throws Exception {
        Path file = write("alice:secret\n", 1);
        UsersFile users = UsersFile.load(file);
        write("alice:secret\nbroken line\n", 2);
        assertEquals(Optional.of(new User("alice")), users.authenticate("alice", "secret"));
        assertEquals(file + ":2: expected name:password; keeping the 1 users loaded before", users.reload());
    }

    @Test
    void deletedFileKeepsThePreviousAccounts() throws Exception {
        Path file = write("alice:secret\n", 1);
        UsersFile users = UsersFile.load(file);
        Files.delete(file);
        assertEquals(Optional.of(new User("alice")), users.authenticate("alice", "secret"));
    }

    @Test
    void reloadSaysHowManyUsersWereLoaded() throws Exception {
        Path file = write("alice:secret\nbob:pw\n", 1);
        UsersFile users = UsersFile.load(file);
        assertEquals("loaded 2 users from " + file, users.reload());
        assertEquals(2, users.users().size());
    }

    @Test
    void loadFailsOnABrokenFileAtStart() throws Exception {
        Path file = write("nocolon\n", 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(UsersFileException.class, () -> UsersFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ":1: "), e.getMessage());
    }

    /** Writes the file with a distinct modification time, so that a change is seen even within one clock tick. */
    private Path write(String content, int second) throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(second)));
        return file;
    }
}
