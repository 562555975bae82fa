package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** UTF-8 paths on the control connection and in listings (RFC 2640). */
@Timeout(30)
class FtpUtf8NamesTest {
    private static final String NAME = "données-日本.txt";
    private static final String FOLDER = "dossier-é";

    @TempDir
    Path dir;

    @Test
    void aUtf8NameIsUploadedListedAndDownloaded() throws Exception {
        byte[] content = FtpTestServer.random(3000);
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("alice", "a");
            FtpTestServer.assertStoredAndRead(ftp, server.aliceHome().resolve(NAME), NAME, content);
            assertArrayEquals(new String[] {NAME}, ftp.listNames());
            assertEquals(NAME, ftp.listFiles()[0].getName());
            assertEquals(3000, ftp.listFiles()[0].getSize());
            assertEquals(NAME, ftp.mlistDir()[0].getName());
            assertTrue(ftp.mlistFile(NAME).getName().endsWith(NAME));
            assertEquals("3000", ftp.getSize(NAME));
        }
    }

    @Test
    void aUtf8FolderIsCreatedEnteredAndShownByPwd() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("alice", "a");
            assertTrue(ftp.makeDirectory(FOLDER));
            assertTrue(ftp.getReplyString().contains("\"/" + FOLDER + "\""), ftp.getReplyString());
            assertTrue(Files.isDirectory(server.aliceHome().resolve(FOLDER)));
            assertTrue(ftp.changeWorkingDirectory(FOLDER));
            assertEquals("/" + FOLDER, ftp.printWorkingDirectory());
            FtpTestServer.store(ftp, NAME, new byte[] {1, 2, 3});
            assertTrue(ftp.changeToParentDirectory());
            FTPFile[] inside = ftp.listFiles(FOLDER);
            assertEquals(NAME, inside[0].getName(), Arrays.toString(inside));
            assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(server.aliceHome().resolve(FOLDER).resolve(NAME)));
        }
    }
}
