package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Names and sizes that break naive servers: spaces, a leading "~", files over 4 GiB. */
@Timeout(30)
class FtpOddNamesTest {
    @TempDir
    Path dir;

    @Test
    void namesWithSpacesAreListedAndTransferredWhole() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("demo", "demo");
            FtpTestServer.assertStoredAndRead(ftp, server.root.resolve("my file  two.txt"), "my file  two.txt", new byte[] {42});
            assertEquals("my file  two.txt", ftp.listFiles()[0].getName());
            assertArrayEquals(new String[] {"my file  two.txt"}, ftp.listNames());
            assertEquals("my file  two.txt", ftp.mlistDir()[0].getName());
        }
    }

    @Test
    void aTopFolderWhoseNameStartsWithATildeBehavesLikeAnyOther() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            Files.createDirectories(server.root.resolve("~old"));
            Files.writeString(server.root.resolve("~old/in.txt"), "in");
            FTPClient ftp = server.login("demo", "demo"); // home is the whole root: "~old" lies at the top
            assertTrue(ftp.makeDirectory("~new"));
            assertTrue(ftp.getReplyString().startsWith("257 \"/~new\""), ftp.getReplyString());
            assertTrue(ftp.changeWorkingDirectory("~old"), ftp.getReplyString());
            assertEquals("/~old", ftp.printWorkingDirectory());
            assertArrayEquals(new String[] {"in.txt"}, ftp.listNames(), "NLST of the current folder: " + ftp.getReplyString());
            assertArrayEquals("in".getBytes(), FtpTestServer.retrieve(ftp, "in.txt"));
        }
    }

    @Test
    void filesOver4GiBReportTheirTrueSizeAndResumeFromA64BitOffset() throws Exception {
        long size = 5L * 1024 * 1024 * 1024 + 7; // sparse: takes no room on disk
        try (var server = FtpTestServer.start(dir)) {
            try (RandomAccessFile file = new RandomAccessFile(server.root.resolve("huge.bin").toFile(), "rw")) {
                file.setLength(size);
                file.seek(size - 3);
                file.write(new byte[] {1, 2, 3});
            }
            FTPClient ftp = server.login("demo", "demo");
            assertEquals(Long.toString(size), ftp.getSize("huge.bin"));
            assertEquals(size, ftp.listFiles()[0].getSize());
            assertEquals(size, ftp.mlistDir()[0].getSize());
            assertEquals(size, ftp.mlistFile("huge.bin").getSize());
            ftp.setRestartOffset(size - 5);
            assertArrayEquals(new byte[] {0, 0, 1, 2, 3}, FtpTestServer.retrieve(ftp, "huge.bin"));
            FTPFile[] listed = ftp.listFiles("huge.bin");
            assertEquals(1, listed.length, Arrays.toString(listed));
        }
    }
}
