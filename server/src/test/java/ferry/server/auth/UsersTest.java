package ferry.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class UsersTest {
    @TempDir
    Path dir;

    @Test
    void commentsAndBlankLinesAreIgnored() throws Exception {
        Users users = load("# accounts\n\nalice:secret\n   \n  # indented comment\nbob:hunter2\n");
        assertEquals(2, users.size());
        assertEquals(Optional.of(new User("alice")), users.authenticate("alice", "secret"));
        assertEquals(Optional.of(new User("bob")), users.authenticate("bob", "hunter2"));
    }

    @Test
    void passwordIsEverythingAfterTheFirstColon() throws Exception {
        Users users = load("carol:a:b::c\n");
        assertEquals(Optional.of(new User("carol")), users.authenticate("carol", "a:b::c"));
        assertEquals(Optional.empty(), users.authenticate("carol", "a"));
    }

    @Test
    void whitespaceAroundTheLineIsIgnoredButKeptInsideThePassword() throws Exception {
        Users users = load("  alice:correct horse  \r\n\tbob:x\t\n");
        assertEquals(Optional.of(new User("alice")), users.authenticate("alice", "correct horse"));
        assertEquals(Optional.of(new User("bob")), users.authenticate("bob", "x"));
    }

    @Test
    void nameAllowsLettersDigitsDotUnderscoreAndDash() throws Exception {
        Users users = load("A.b_c-9:pw\n");
        assertEquals(Optional.of(new User("A.b_c-9")), users.authenticate("A.b_c-9", "pw"));
    }

    @Test
    void lineWithoutColonIsReportedWithFileAndLine() {
        var e = assertThrows(UsersFileException.class, () -> load("alice:secret\n# fine\nbob\n"));
        assertEquals(file() + ":3: expected name:password", e.getMessage());
    }

    @Test
    void badNameIsReportedWithFileAndLine() {
        var e = assertThrows(UsersFileException.class, () -> load("al!ce:secret\n"));
        assertEquals(file() + ":1: user name must be 1-64 of A-Z a-z 0-9 . _ -", e.getMessage());
    }

    @Test
    void emptyNameIsABadName() {
        var e = assertThrows(UsersFileException.class, () -> load("\n:secret\n"));
        assertEquals(file() + ":2: user name must be 1-64 of A-Z a-z 0-9 . _ -", e.getMessage());
    }

    @Test
    void nameLongerThanSixtyFourCharactersIsRefused() {
        var e = assertThrows(UsersFileException.class, () -> load("a".repeat(65) + ":pw\n"));
        assertTrue(e.getMessage().startsWith(file() + ":1: user name"), e.getMessage());
    }

    @Test
    void homeAndPermissionComeBeforeTheColonInAnyOrder() throws Exception {
        Users users = load("carol home=homes/carol perm=ro:pw\ndave  perm=rw   home=dave :pw\n");
        assertEquals(Optional.of(new User("carol", "homes/carol", Permission.READ_ONLY)), users.authenticate("carol", "pw"));
        assertEquals(Optional.of(new User("dave", "dave", Permission.READ_WRITE)), users.authenticate("dave", "pw"));
    }

    @Test
    void adminSeesTheWholeFolderWhateverHomeIsWritten() throws Exception {
        Users users = load("root home=somewhere perm=admin:pw\n");
        assertEquals(Optional.of(new User("root", "", Permission.ADMIN)), users.authenticate("root", "pw"));
    }

    @Test
    void unknownSettingIsReportedWithFileAndLine() {
        var e = assertThrows(UsersFileException.class, () -> load("alice quota=5:pw\n"));
        assertEquals(file() + ":1: unknown setting 'quota=5' (expected home=DIR or perm=ro|rw|admin)", e.getMessage());
    }

    @Test
    void unknownPermissionIsReportedWithFileAndLine() {
        var e = assertThrows(UsersFileException.class, () -> load("alice perm=root:pw\n"));
        assertEquals(file() + ":1: perm must be ro, rw or admin, not 'root'", e.getMessage());
    }

    @Test
    void homeOutsideTheServedFolderIsRefused() {
        for (String home : new String[] {"..", "../etc", "a/../../b", "/etc", "a//b", ".", "a/./b", "a\\b", ""}) {
            var e = assertThrows(UsersFileException.class, () -> load("alice home=" + home + ":pw\n"), home);
            assertTrue(e.getMessage().startsWith(file() + ":1: home must be a relative folder"), e.getMessage());
        }
    }

    @Test
    void emptyPasswordIsReportedWithFileAndLine() {
        var e = assertThrows(UsersFileException.class, () -> load("alice:\n"));
        assertEquals(file() + ":1: user alice has an empty password", e.getMessage());
    }

    @Test
    void duplicateUserIsReportedAtItsSecondDefinition() {
        var e = assertThrows(UsersFileException.class, () -> load("alice:one\nbob:two\nalice:three\n"));
        assertEquals(file() + ":3: user alice is defined twice", e.getMessage());
    }

    @Test
    void missingFileIsReportedByName() {
        Path missing = dir.resolve("nope.txt");
        var e = assertThrows(UsersFileException.class, () -> Users.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void fileThatIsNotUtf8IsReported() throws Exception {
        Files.write(file(), new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28, '\n'});
        var e = assertThrows(UsersFileException.class, () -> Users.load(file()));
        assertEquals(file() + ": not valid UTF-8", e.getMessage());
    }

    @Test
    void emptyFileHasNoUsers() throws Exception {
        Users users = load("");
        assertEquals(0, users.size());
        assertEquals(Optional.empty(), users.authenticate("alice", "secret"));
    }

    @Test
    void rightPasswordAuthenticates() throws Exception {
        assertEquals(Optional.of(new User("alice")), load("alice:secret\n").authenticate("alice", "secret"));
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        Users users = load("alice:secret\n");
        assertEquals(Optional.empty(), users.authenticate("alice", "Secret"));
        assertEquals(Optional.empty(), users.authenticate("alice", "secret "));
        assertEquals(Optional.empty(), users.authenticate("alice", ""));
    }

    @Test
    void unknownUserIsRefusedEvenWithAnotherUsersPassword() throws Exception {
        Users users = load("alice:secret\n");
        assertEquals(Optional.empty(), users.authenticate("mallory", "secret"));
        assertEquals(Optional.empty(), users.authenticate("ALICE", "secret"));
    }

    @Test
    void unknownUserIsRefusedEvenWithTheDecoyPassword() throws Exception {
        Users users = load("alice:secret\n");
        assertEquals(Optional.empty(), users.authenticate("mallory", "decoy password for unknown users"));
    }

    /**
     * An unknown user costs what a wrong password costs, so timing does not tell which names exist. Not a speed
     * target: without the decoy hash an unknown user would take microseconds against ~100 ms, so the bounds leave a
     * factor of two either way for a busy machine. Interleaved, and medians, to cancel drift.
     */
    @Test
    void anUnknownUserTakesAboutAsLongAsAWrongPassword() throws Exception {
        Users users = load("alice:" + PasswordHash.of("right".toCharArray()) + "\n");
        long[] unknown = new long[5];
        long[] wrong = new long[5];
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertEquals(Optional.empty(), users.authenticate("mallory", "guess" + i));
            unknown[i] = System.nanoTime() - start;
            start = System.nanoTime();
            assertEquals(Optional.empty(), users.authenticate("alice", "guess" + i));
            wrong[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(unknown);
        java.util.Arrays.sort(wrong);
        double ratio = (double) unknown[2] / wrong[2];
        assertTrue(ratio > 0.5 && ratio < 2, "median unknown user %d µs, wrong password %d µs"
                .formatted(unknown[2] / 1000, wrong[2] / 1000));
    }

    private Path file() {
        return dir.resolve("users.txt");
    }

    private Users load(String content) throws Exception {
        Files.writeString(file(), content);
        return Users.load(file());
    }
}
