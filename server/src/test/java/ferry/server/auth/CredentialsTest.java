package ferry.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hashed passwords in users.txt, plain-text lines of older files, and editing the file without losing a line. */
@Timeout(60)
class CredentialsTest {
    @TempDir
    Path dir;

    @Test
    void aHashVerifiesItsPasswordOnlyAndSurvivesItsTextForm() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray());
        assertTrue(hash.toString().startsWith("$pbkdf2-sha256$i=600000$"));
        PasswordHash parsed = PasswordHash.parse(hash.toString());
        assertEquals(hash, parsed);
        assertTrue(parsed.matches("correct horse"));
        assertFalse(parsed.matches("correct horse "));
        assertNotEquals(hash, PasswordHash.of("correct horse".toCharArray()), "every hash has its own salt");
    }

    @Test
    void malformedHashesAreRefusedWithAReason() {
        for (String bad : List.of("$pbkdf2-sha256$", "$pbkdf2-sha256$i=10$c2FsdHNhbHQ$" + "A".repeat(43),
                "$pbkdf2-sha256$i=x$c2FsdHNhbHQ$" + "A".repeat(43), "$pbkdf2-sha256$i=600000$!!$" + "A".repeat(43),
                "$pbkdf2-sha256$i=600000$c2FsdHNhbHQ$QUJD")) {
            assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse(bad), bad);
        }
    }

    @Test
    void hashedAndPlainLinesLoadTogetherAndPlainOnesAreNamedForMigration() throws Exception {
        String alice = PasswordHash.of("a-secret".toCharArray()).toString();
        Users users = Users.parse("users.txt", List.of("old:plain", "alice home=alice:" + alice));
        assertEquals(Optional.of(new User("alice", "alice", Permission.READ_WRITE)), users.authenticate("alice", "a-secret"));
        assertEquals(Optional.empty(), users.authenticate("alice", "plain"));
        assertEquals(Optional.of(new User("old")), users.authenticate("old", "plain"));
        assertEquals(Optional.empty(), users.authenticate("nobody", "a-secret"));
        assertEquals(List.of("old"), users.plainTextUsers());
        var broken = assertThrows(UsersFileException.class, () -> Users.parse("users.txt", List.of("x:$pbkdf2-sha256$nope")));
        assertTrue(broken.getMessage().startsWith("users.txt:1: "), broken.getMessage());
    }

    @Test
    void editingKeepsCommentsAndOtherLinesAndWritesOnlyHashes() throws Exception {
        Path file = Files.writeString(dir.resolve("users.txt"), "# our team\ndemo:demo\n\nbob home=bob perm=ro:b\n");
        UsersFileEditor editor = UsersFileEditor.open(file);
        editor.add("carol", "homes/carol", Permission.ADMIN, PasswordHash.of("c".toCharArray()));
        editor.passwd("bob", PasswordHash.of("new-b".toCharArray()));
        editor.remove("demo");
        editor.save();

        List<String> lines = Files.readAllLines(file);
        assertEquals("# our team", lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.get(2).startsWith("bob home=bob perm=ro:$pbkdf2-sha256$"), lines.get(2));
        assertTrue(lines.get(3).startsWith("carol home=homes/carol perm=admin:$pbkdf2-sha256$"), lines.get(3));
        Users users = Users.load(file);
        assertTrue(users.authenticate("bob", "new-b").isPresent());
        assertTrue(users.authenticate("carol", "c").isPresent());
        assertTrue(users.plainTextUsers().isEmpty());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void editsThatWouldBreakTheFileAreRefusedAndTheFileKept() throws Exception {
        Path file = Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        UsersFileEditor editor = UsersFileEditor.open(file);
        assertThrows(UsersFileException.class, () -> editor.add("demo", null, null, PasswordHash.of("x".toCharArray())));
        assertThrows(UsersFileException.class, () -> editor.passwd("nobody", PasswordHash.of("x".toCharArray())));
        editor.add("eve", "../escape", null, PasswordHash.of("x".toCharArray()));
        assertThrows(UsersFileException.class, editor::save);
        assertEquals("demo:demo\n", Files.readString(file));
    }
}
