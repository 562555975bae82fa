package ferry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.auth.Users;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import picocli.CommandLine;

/** {@code ftpserver user add|passwd|remove|list}, with passwords on standard input as when it is not a terminal. */
@Timeout(60)
@Isolated // replaces System.in
class UserCommandTest {
    @TempDir
    Path dir;

    private final InputStream stdin = System.in;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    private int ftpserver(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return new CommandLine(new Main()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    @Test
    void addPasswdListAndRemoveManageTheFile() throws Exception {
        String users = dir.resolve("users.txt").toString();
        Files.writeString(Path.of(users), "# team\nold:plain\n");
        assertEquals(0, ftpserver("s3cret\n", "user", "add", "alice", "--home", "homes/alice", "--perm", "ro", "--users", users));
        assertEquals(0, ftpserver("fresh\n", "user", "passwd", "old", "--users", users));
        assertEquals(0, ftpserver("", "user", "list", "--users", users));
        assertTrue(out.toString().contains("alice            ro    homes/alice              hashed"), out::toString);
        assertTrue(out.toString().contains("old              rw    /                        hashed"), out::toString);
        Users loaded = Users.load(Path.of(users));
        assertTrue(loaded.authenticate("alice", "s3cret").isPresent());
        assertTrue(loaded.authenticate("old", "fresh").isPresent());
        assertEquals(0, ftpserver("", "user", "remove", "old", "--users", users));
        assertEquals("# team", Files.readAllLines(Path.of(users)).getFirst());
        assertTrue(Users.load(Path.of(users)).authenticate("old", "fresh").isEmpty());
    }

    @Test
    void mistakesAreOneLineAndExitTwo() throws Exception {
        String users = Files.writeString(dir.resolve("users.txt"), "demo:demo\n").toString();
        assertEquals(2, ftpserver("x\n", "user", "add", "demo", "--users", users));
        assertEquals(2, ftpserver("x\n", "user", "add", "eve", "--perm", "root", "--users", users));
        assertEquals(2, ftpserver("", "user", "add", "eve", "--users", users));
        assertEquals(2, ftpserver("", "user", "remove", "nobody", "--users", users));
        assertEquals("""
                ftpserver user: %1$s: user demo already exists
                ftpserver user: --perm must be ro, rw or admin
                ftpserver user: no password on standard input
                ftpserver user: %1$s: no user nobody
                """.formatted(users), err.toString());
        assertEquals("demo:demo\n", Files.readString(Path.of(users)));
    }
}
