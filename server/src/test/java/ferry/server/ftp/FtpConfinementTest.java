package ferry.server.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Missing files, read-only accounts, paths that try to leave the home, and the users file. */
@Timeout(30)
class FtpConfinementTest {
    private static final List<String> ESCAPES = List.of("../../secret.txt", "/../secret.txt", "/../../secret.txt",
            "../../../secret.txt", "../../homes/../secret.txt", "..\\..\\secret.txt");

    @TempDir
    Path dir;

    @Test
    void retrOfAMissingFileIsAnswered550() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("demo", "demo");
            assertFalse(ftp.retrieveFile("missing.bin", new ByteArrayOutputStream()));
            assertEquals(550, ftp.getReplyCode());
            assertTrue(ftp.sendNoOp(), "the session goes on");
        }
    }

    @Test
    void theReadOnlyUserMayReadButChangesNothing() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("bob", "b");
            Path home = server.root.resolve("bob");
            Files.writeString(home.resolve("r.txt"), "readable");
            assertArrayEquals("readable".getBytes(UTF_8), FtpTestServer.retrieve(ftp, "r.txt"));
            assertFalse(ftp.storeFile("new.txt", new ByteArrayInputStream("x".getBytes(UTF_8))));
            assertEquals(550, ftp.getReplyCode());
            assertFalse(ftp.storeFile("r.txt", new ByteArrayInputStream("x".getBytes(UTF_8))));
            assertFalse(ftp.appendFile("r.txt", new ByteArrayInputStream("x".getBytes(UTF_8))));
            assertFalse(ftp.storeUniqueFile(new ByteArrayInputStream("x".getBytes(UTF_8))));
            assertFalse(ftp.makeDirectory("d"));
            assertEquals(550, ftp.getReplyCode());
            assertFalse(ftp.deleteFile("r.txt"));
            assertFalse(ftp.rename("r.txt", "s.txt"));
            try (Stream<Path> files = Files.list(home)) {
                assertEquals(List.of(home.resolve("r.txt")), files.toList(), "nothing stored, nothing changed");
            }
            assertEquals("readable", Files.readString(home.resolve("r.txt")));
        }
    }

    @Test
    void pathsEscapingTheHomeNeitherReadNorWriteOutsideIt() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            Path secret = server.root.resolve("secret.txt");
            Files.writeString(secret, "top secret");
            FTPClient ftp = server.login("alice", "a");
            for (String path : ESCAPES) {
                assertFalse(ftp.retrieveFile(path, new ByteArrayOutputStream()), path);
                assertNull(ftp.getSize(path), path);
                assertFalse(ftp.deleteFile(path), path);
                assertFalse(ftp.rename(path, "stolen.txt"), path);
            }
            for (String path : ESCAPES) {
                ftp.storeFile(path, new ByteArrayInputStream("pwned".getBytes(UTF_8))); // refused, or kept inside the home
                ftp.appendFile(path, new ByteArrayInputStream("pwned".getBytes(UTF_8)));
                ftp.makeDirectory(path.replace("secret.txt", "made"));
            }
            assertEquals("top secret", Files.readString(secret));
            try (Stream<Path> outside = Files.list(server.root)) {
                assertEquals(List.of("homes", "secret.txt"), outside.map(p -> p.getFileName().toString()).sorted().toList());
            }
            try (Stream<Path> homes = Files.list(server.root.resolve("homes"))) {
                assertEquals(List.of(server.aliceHome()), homes.toList());
            }
            String[] listed = ftp.listNames("../..");
            assertFalse(listed != null && Arrays.asList(listed).contains("homes"), "the root is not listed: " + Arrays.toString(listed));
        }
    }

    @Test
    void aSymbolicLinkOutOfTheHomeIsNotFollowed() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            Path secret = Files.writeString(server.root.resolve("secret.txt"), "top secret");
            Path home = Files.createDirectories(server.aliceHome());
            try {
                Files.createSymbolicLink(home.resolve("link.txt"), secret);
                Files.createSymbolicLink(home.resolve("linkdir"), server.root);
            } catch (UnsupportedOperationException | IOException e) {
                assumeTrue(false, "no symbolic links here: " + e);
            }
            FTPClient ftp = server.login("alice", "a");
            assertFalse(ftp.retrieveFile("link.txt", new ByteArrayOutputStream()));
            assertFalse(ftp.retrieveFile("linkdir/secret.txt", new ByteArrayOutputStream()));
            assertFalse(ftp.changeWorkingDirectory("linkdir"));
            assertFalse(ftp.storeFile("linkdir/new.txt", new ByteArrayInputStream("x".getBytes(UTF_8))));
            assertFalse(Files.exists(server.root.resolve("new.txt")));
        }
    }

    @Test
    void theUsersFileInsideTheRootIsNeverListedReadOrChanged() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        try (var server = FtpTestServer.start(root, root.resolve("users.txt"), Duration.ofSeconds(30))) {
            Files.writeString(root.resolve("visible.txt"), "v");
            FTPClient ftp = server.login("demo", "demo"); // demo's home is the whole root
            assertFalse(Arrays.asList(ftp.listNames()).contains("users.txt"));
            assertTrue(Arrays.stream(ftp.listFiles()).map(FTPFile::getName).noneMatch("users.txt"::equals));
            assertTrue(Arrays.stream(ftp.mlistDir()).map(FTPFile::getName).noneMatch("users.txt"::equals));
            assertFalse(ftp.retrieveFile("users.txt", new ByteArrayOutputStream()));
            assertEquals(550, ftp.getReplyCode());
            assertNull(ftp.getSize("users.txt"));
            assertNull(ftp.getModificationTime("users.txt"));
            assertNull(ftp.mlistFile("users.txt"));
            assertFalse(ftp.storeFile("users.txt", new ByteArrayInputStream("demo:x\n".getBytes(UTF_8))));
            assertFalse(ftp.appendFile("users.txt", new ByteArrayInputStream("eve:x\n".getBytes(UTF_8))));
            assertFalse(ftp.deleteFile("users.txt"));
            assertFalse(ftp.rename("users.txt", "u.txt"));
            assertEquals(FtpTestServer.USERS, Files.readString(root.resolve("users.txt")));
        }
    }
}
