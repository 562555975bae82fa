package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Folder and name commands, as alice, whose "/" is homes/alice. */
@Timeout(30)
class FtpFoldersTest {
    @TempDir
    Path dir;
    private FtpTestServer server;
    private FTPClient ftp;
    private Path home;

    @BeforeEach
    void logIn() throws Exception {
        server = FtpTestServer.start(dir);
        ftp = server.login("alice", "a");
        home = server.aliceHome();
        Files.createDirectories(home.resolve("a/b"));
        Files.writeString(home.resolve("a/file.txt"), "in a");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pwdAndXpwdShowTheHomeAsSlash() throws Exception {
        assertEquals("/", ftp.printWorkingDirectory());
        assertEquals(257, ftp.sendCommand("XPWD"));
        assertTrue(ftp.getReplyString().startsWith("257 \"/\""), ftp.getReplyString());
    }

    @Test
    void cwdAndXcwdEnterFoldersAndCdupAndXcupLeaveThem() throws Exception {
        assertTrue(ftp.changeWorkingDirectory("a"));
        assertEquals("/a", ftp.printWorkingDirectory());
        assertEquals(250, ftp.sendCommand("XCWD", "b"));
        assertEquals("/a/b", ftp.printWorkingDirectory());
        assertTrue(ftp.changeToParentDirectory());
        assertEquals("/a", ftp.printWorkingDirectory());
        assertTrue(ftp.changeWorkingDirectory("/a/b"));
        assertEquals(2, ftp.sendCommand("XCUP") / 100);
        assertEquals("/a", ftp.printWorkingDirectory());
    }

    @Test
    void nothingGoesAboveSlash() throws Exception {
        ftp.changeToParentDirectory();
        assertEquals("/", ftp.printWorkingDirectory());
        ftp.sendCommand("XCUP");
        assertEquals("/", ftp.printWorkingDirectory());
        ftp.changeWorkingDirectory("../../..");
        assertEquals("/", ftp.printWorkingDirectory());
        ftp.changeWorkingDirectory("/a/../../..");
        assertEquals("/", ftp.printWorkingDirectory());
    }

    @Test
    void cwdToAMissingFolderOrAFileFails() throws Exception {
        assertFalse(ftp.changeWorkingDirectory("missing"));
        assertEquals(550, ftp.getReplyCode());
        assertFalse(ftp.changeWorkingDirectory("a/file.txt"));
        assertEquals("/", ftp.printWorkingDirectory());
    }

    @Test
    void mkdAndXmkdAnswer257WithTheQuotedPath() throws Exception {
        assertTrue(ftp.makeDirectory("new"));
        assertEquals(257, ftp.getReplyCode());
        assertTrue(ftp.getReplyString().startsWith("257 \"/new\""), ftp.getReplyString());
        assertTrue(ftp.changeWorkingDirectory("new"));
        assertEquals(257, ftp.sendCommand("XMKD", "inner"));
        assertTrue(ftp.getReplyString().startsWith("257 \"/new/inner\""), ftp.getReplyString());
        assertTrue(Files.isDirectory(home.resolve("new/inner")));
    }

    @Test
    void mkdDoublesQuotesInsideThePath() throws Exception {
        assertTrue(ftp.makeDirectory("say\"hi"));
        assertTrue(ftp.getReplyString().startsWith("257 \"/say\"\"hi\""), ftp.getReplyString()); // RFC 959 appendix II
        assertTrue(Files.isDirectory(home.resolve("say\"hi")));
    }

    @Test
    void mkdOfAnExistingFolderFails() throws Exception {
        assertFalse(ftp.makeDirectory("a"));
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void rmdAndXrmdRemoveEmptyFoldersOnly() throws Exception {
        assertFalse(ftp.removeDirectory("a"), "a holds b and file.txt");
        assertTrue(Files.isDirectory(home.resolve("a")));
        assertTrue(ftp.removeDirectory("a/b"));
        assertEquals(250, ftp.getReplyCode());
        assertTrue(ftp.makeDirectory("c"));
        assertEquals(250, ftp.sendCommand("XRMD", "c"));
        assertFalse(Files.exists(home.resolve("a/b")));
        assertFalse(Files.exists(home.resolve("c")));
    }

    @Test
    void theHomeFolderCannotBeRemoved() throws Exception {
        assertFalse(ftp.removeDirectory("/"));
        assertTrue(Files.isDirectory(home));
    }

    @Test
    void deleRemovesAFileAndAnswers550ForAMissingOne() throws Exception {
        assertTrue(ftp.deleteFile("a/file.txt"));
        assertEquals(250, ftp.getReplyCode());
        assertFalse(Files.exists(home.resolve("a/file.txt")));
        assertFalse(ftp.deleteFile("a/file.txt"));
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void rnfrThenRntoRenamesAFile() throws Exception {
        assertEquals(350, ftp.sendCommand("RNFR", "a/file.txt"));
        assertEquals(250, ftp.sendCommand("RNTO", "moved.txt"));
        assertEquals("in a", Files.readString(home.resolve("moved.txt")));
        assertFalse(Files.exists(home.resolve("a/file.txt")));
        assertTrue(ftp.rename("moved.txt", "a/b/again.txt"), "Commons Net's rename sends both");
        assertTrue(Files.exists(home.resolve("a/b/again.txt")));
    }

    @Test
    void rntoWithoutRnfrIsAnswered503() throws Exception {
        assertEquals(503, ftp.sendCommand("RNTO", "x.txt"));
        assertFalse(Files.exists(home.resolve("x.txt")));
    }

    @Test
    void rnfrHoldsOnlyUntilTheNextCommand() throws Exception {
        assertEquals(350, ftp.sendCommand("RNFR", "a/file.txt"));
        assertEquals(200, ftp.sendCommand("NOOP"));
        assertEquals(503, ftp.sendCommand("RNTO", "x.txt"));
        assertTrue(Files.exists(home.resolve("a/file.txt")));
        assertFalse(Files.exists(home.resolve("x.txt")));
    }

    @Test
    void rnfrOfAMissingFileIsAnswered550() throws Exception {
        assertEquals(550, ftp.sendCommand("RNFR", "missing.txt"));
        assertEquals(503, ftp.sendCommand("RNTO", "x.txt"));
    }

    @Test
    void rntoNeverReplacesAnExistingFile() throws Exception {
        Files.writeString(home.resolve("other.txt"), "other");
        assertFalse(ftp.rename("a/file.txt", "other.txt"));
        assertEquals("other", Files.readString(home.resolve("other.txt")));
        assertEquals("in a", Files.readString(home.resolve("a/file.txt")));
    }
}
