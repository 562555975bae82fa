package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** LIST, NLST, MLSD, MLST, SIZE and MDTM, parsed by Commons Net, over alice's home. */
@Timeout(30)
class FtpListingTest {
    private static final Instant TIME = Instant.parse("2020-01-02T03:04:05Z");

    @TempDir
    Path dir;
    private FtpTestServer server;
    private FTPClient ftp;

    @BeforeEach
    void logIn() throws Exception {
        server = FtpTestServer.start(dir);
        Path home = Files.createDirectories(server.aliceHome());
        Files.writeString(home.resolve("a.txt"), "hello");
        Files.write(home.resolve("b.bin"), FtpTestServer.random(2000));
        Files.createDirectories(home.resolve("sub"));
        Files.writeString(home.resolve("sub/inner.txt"), "inner");
        Files.setLastModifiedTime(home.resolve("a.txt"), FileTime.from(TIME));
        ftp = server.login("alice", "a");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, FTPFile> byName(FTPFile[] files) {
        assertNotNull(files);
        return Arrays.stream(files).collect(Collectors.toMap(FTPFile::getName, Function.identity()));
    }

    @Test
    void listGivesNamesSizesAndFolders() throws Exception {
        Map<String, FTPFile> files = byName(ftp.listFiles());
        assertEquals(3, files.size(), files.keySet().toString());
        assertTrue(files.get("a.txt").isFile());
        assertEquals(5, files.get("a.txt").getSize());
        assertEquals(2000, files.get("b.bin").getSize());
        assertTrue(files.get("sub").isDirectory());
    }

    @Test
    void listOfAFolderOrAFileListsThatFolderOrFile() throws Exception {
        assertEquals("inner.txt", ftp.listFiles("sub")[0].getName());
        FTPFile[] one = ftp.listFiles("a.txt");
        assertEquals(1, one.length);
        assertEquals(5, one[0].getSize());
    }

    @Test
    void listWithLsOptionsListsTheCurrentFolder() throws Exception {
        ftp.setListHiddenFiles(true); // sends LIST -a
        assertEquals(3, ftp.listFiles().length);
    }

    @Test
    void listOfAMissingPathIsAnswered550() throws Exception {
        assertEquals(0, ftp.listFiles("missing").length);
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void nlstGivesTheNames() throws Exception {
        assertArrayEquals(new String[] {"a.txt", "b.bin", "sub"}, ftp.listNames());
        assertTrue(ftp.changeWorkingDirectory("sub"));
        assertArrayEquals(new String[] {"inner.txt"}, ftp.listNames());
    }

    @Test
    void mlsdGivesTypeSizeAndModifyFacts() throws Exception {
        Map<String, FTPFile> files = byName(ftp.mlistDir());
        assertEquals(3, files.size(), files.keySet().toString());
        FTPFile a = files.get("a.txt");
        assertTrue(a.isFile());
        assertEquals(5, a.getSize());
        assertEquals(TIME, a.getTimestamp().toInstant());
        assertTrue(files.get("sub").isDirectory());
        assertEquals(2000, files.get("b.bin").getSize());
    }

    @Test
    void mlstGivesOneEntryOnTheControlConnection() throws Exception {
        FTPFile a = ftp.mlistFile("a.txt");
        assertNotNull(a, ftp.getReplyString());
        assertEquals(250, ftp.getReplyCode());
        assertTrue(a.getName().endsWith("a.txt"), a.getName());
        assertTrue(a.isFile());
        assertEquals(5, a.getSize());
        assertEquals(TIME, a.getTimestamp().toInstant());
        assertTrue(ftp.mlistFile("sub").isDirectory());
        assertNull(ftp.mlistFile("missing"));
        assertEquals(550, ftp.getReplyCode());
    }

    @Test
    void sizeGivesTheByteCountOfFilesOnly() throws Exception {
        assertEquals("2000", ftp.getSize("b.bin"));
        assertEquals(213, ftp.getReplyCode());
        assertEquals("5", ftp.getSize("/a.txt"));
        assertNull(ftp.getSize("missing"));
        assertEquals(550, ftp.getReplyCode());
        assertNull(ftp.getSize("sub"), "a folder has no SIZE");
    }

    @Test
    void mdtmGivesTheModificationTimeInUtc() throws Exception {
        assertEquals("20200102030405", ftp.getModificationTime("a.txt"));
        assertEquals(213, ftp.getReplyCode());
        assertEquals(TIME, ftp.mdtmInstant("a.txt"));
        assertNull(ftp.getModificationTime("missing"));
        assertEquals(550, ftp.getReplyCode());
    }
}
