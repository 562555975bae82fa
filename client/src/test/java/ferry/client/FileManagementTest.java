package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.repl.Shell;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Folders, delete, rename, stat and the local helpers, driven through the REPL against a real server. */
@Timeout(30)
class FileManagementTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private TestServer server;
    private Shell shell;
    private Path local;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
        local = Files.createDirectories(dir.resolve("local"));
        shell = server.shell(local, out, err);
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        server.close();
    }

    private void ok(String line) {
        assertEquals(Shell.OK, shell.execute(line), () -> line + " failed: " + err);
    }

    private String fails(String line) {
        err.getBuffer().setLength(0);
        assertEquals(Shell.FAILED, shell.execute(line), () -> line + " should fail; out: " + out);
        return err.toString().strip();
    }

    @Test
    void foldersCanBeCreatedEnteredListedAndRemoved() throws Exception {
        ok("mkdir photos");
        ok("mkdir photos/2026");
        ok("cd photos");
        ok("pwd");
        assertTrue(out.toString().contains("~/photos\n~/photos\n"), out::toString);
        ok("ls");
        assertTrue(out.toString().contains("2026/\n1 entry"), out::toString);
        ok("cd 2026");
        ok("cd ..");
        ok("cd ~");
        assertEquals("..: already at the top of your home", fails("cd ..").replace("error: ", ""));
        assertEquals("error: photos is not empty; use rmdir -r", fails("rmdir photos").replace("~/", ""));
        ok("rmdir photos/2026");
        ok("rmdir photos");
        assertFalse(Files.exists(server.root.resolve("photos")));
    }

    @Test
    void rmdirRecursiveRemovesATree() throws Exception {
        Files.createDirectories(server.root.resolve("a/b/c"));
        Files.writeString(server.root.resolve("a/b/c/file.txt"), "x");
        Files.writeString(server.root.resolve("a/top.txt"), "y");
        ok("rmdir -r a");
        assertFalse(Files.exists(server.root.resolve("a")));
    }

    @Test
    void getAndUploadTakePathsAndTheNewPrefixGoesOnTheFileName() throws Exception {
        Files.createDirectories(server.root.resolve("photos"));
        byte[] picture = TestServer.random(3000, 1);
        Files.write(server.root.resolve("photos/a.jpg"), picture);
        ok("get photos/a.jpg");
        assertArrayEquals(picture, Files.readAllBytes(local.resolve("newA.jpg")));

        Files.createDirectories(local.resolve("sub"));
        byte[] data = TestServer.random(5000, 2);
        Files.write(local.resolve("sub/x.bin"), data);
        ok("mkdir docs");
        ok("upload ./sub/x.bin docs/x.bin");
        assertArrayEquals(data, Files.readAllBytes(server.root.resolve("docs/x.bin")));
        ok("cd docs");
        ok("upload sub/x.bin");
        assertArrayEquals(data, Files.readAllBytes(server.root.resolve("docs/newX.bin")), "new prefix on the name, in the remote folder");
    }

    @Test
    void renameMovesBetweenFoldersAndNeverReplaces() throws Exception {
        Files.writeString(server.root.resolve("a.txt"), "A");
        Files.writeString(server.root.resolve("b.txt"), "B");
        Files.createDirectories(server.root.resolve("archive"));
        assertEquals("error: ~/b.txt already exists", fails("mv a.txt b.txt"));
        ok("rename a.txt archive/");
        assertEquals("A", Files.readString(server.root.resolve("archive/a.txt")));
        ok("mv archive/a.txt ~/c.txt");
        assertEquals("A", Files.readString(server.root.resolve("c.txt")));
        ok("mv archive old");
        assertTrue(Files.isDirectory(server.root.resolve("old")));
        assertEquals("error: ~/old/old: cannot move ~/old onto or into itself", fails("mv old old/old").replace("old/old: cannot move old", "old/old: cannot move ~/old"));
        assertEquals("error: no such file or folder: ~/nothere", fails("mv nothere x"));
    }

    @Test
    void deleteRemovesFilesButNotFolders() throws Exception {
        Files.writeString(server.root.resolve("gone.txt"), "x");
        Files.createDirectories(server.root.resolve("folder"));
        ok("rm gone.txt");
        assertFalse(Files.exists(server.root.resolve("gone.txt")));
        assertEquals("error: ~/folder: is a folder; use rmdir", fails("delete folder"));
        assertEquals("error: no such file or folder: ~/gone.txt", fails("delete gone.txt"));
    }

    @Test
    void statShowsSizeTimeAndChecksumsOfTheContent() throws Exception {
        byte[] content = TestServer.random(10_000, 5);
        Files.write(server.root.resolve("f.bin"), content);
        CRC32C crc = new CRC32C();
        crc.update(content);
        String sha256 = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        ok("stat f.bin");
        assertTrue(out.toString().contains("size:     10000 bytes"), out::toString);
        assertTrue(out.toString().contains("crc32c:   %08x".formatted((int) crc.getValue())), out::toString);
        assertTrue(out.toString().contains("sha256:   " + sha256), out::toString);
        ok("stat ~");
        assertTrue(out.toString().contains("type:     folder"), out::toString);
    }

    @Test
    void localHelpersChangeShowAndListTheLocalFolder() throws Exception {
        Files.createDirectories(local.resolve("inbox"));
        Files.writeString(local.resolve("inbox/note.txt"), "hello");
        Files.writeString(server.root.resolve("r.txt"), "remote");
        ok("lcd inbox");
        ok("lpwd");
        assertTrue(out.toString().contains(local.resolve("inbox") + "\n" + local.resolve("inbox") + "\n"), out::toString);
        ok("lls");
        assertTrue(out.toString().contains("note.txt\n1 entry"), out::toString);
        ok("get r.txt");
        assertEquals("remote", Files.readString(local.resolve("inbox/newR.txt")));
        assertTrue(fails("lcd nowhere").startsWith("error: no such local folder: "));
    }

    @Test
    void hostilePathsAreRefusedWithAClearError() throws Exception {
        Files.writeString(server.root.resolve("ok.txt"), "ok");
        assertEquals("error: no such file or folder: ../users.txt", fails("get ../users.txt"));
        assertEquals("error: no such file or folder: a/../../users.txt", fails("get a/../../users.txt"));
        assertEquals("error: /etc/passwd: absolute paths are not allowed (~/ is your home)", fails("get /etc/passwd"));
        assertEquals("error: a\\b: backslash in path", fails("get a\\b"));
        assertEquals("error: '' names a folder, not a file", fails("get ''"));
        try (var connection = server.connect()) {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(ferry.client.transfer.TransferException.class,
                    () -> connection.get("", dir.resolve("x"), false));
            assertEquals("empty path", refused.getMessage());
        }
        assertTrue(fails("stat " + "n".repeat(300)).endsWith("name longer than 255 bytes"));
        assertTrue(fails("stat " + "d/".repeat(600) + "f").endsWith("path longer than 1024 bytes"));
        assertTrue(fails("stat .ferry-upload-x.part").contains("reserved name"));
        assertTrue(fails("mkdir .ferry-upload-evil").contains("reserved name"));
        assertTrue(fails("mv ok.txt .ferry-upload-evil").contains("reserved name"));
        try (var connection = server.connect()) {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(ferry.client.transfer.TransferException.class,
                    () -> connection.stat("ok.txt\0.jpg"));
            assertEquals("ok.txt?.jpg: NUL in path", refused.getMessage());
        }
    }

    @Test
    void symbolicLinksOutOfTheRootLookLikeMissingFiles() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(server.root.resolve("link"), outside);
        Files.createSymbolicLink(server.root.resolve("file-link"), outside.resolve("secret.txt"));
        assertEquals("error: no such file or folder: ~/link/secret.txt", fails("get link/secret.txt"));
        assertEquals("error: no such file or folder: ~/file-link", fails("get file-link"));
        assertEquals("error: no such file or folder: ~/link", fails("cd link"));
        assertEquals("error: no such file or folder: ~/link", fails("ls link"));
        assertTrue(fails("upload " + Files.writeString(local.resolve("x.txt"), "x") + " link/x.txt").startsWith("error: no such file or folder"));
        assertFalse(Files.exists(outside.resolve("x.txt")));
        ok("ls");
        assertFalse(out.toString().contains("link"), "links are not listed");
    }
}
