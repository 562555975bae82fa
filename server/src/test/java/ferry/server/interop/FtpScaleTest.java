package ferry.server.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.Server;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Sizes past 4 GiB, a folder of 20,000 entries, and a name on disk that is not UTF-8, over the FTP port. */
@Timeout(120)
class FtpScaleTest {
    @TempDir
    Path dir;

    private Server server;
    private Path root;
    private final FTPClient ftp = new FTPClient();

    @BeforeEach
    void start() throws Exception {
        server = Tools.server(dir);
        root = dir.resolve("root");
        ftp.setDefaultTimeout(20_000);
        ftp.setConnectTimeout(10_000);
        ftp.setDataTimeout(Duration.ofSeconds(20));
        ftp.setControlEncoding("UTF-8");
        ftp.connect("127.0.0.1", server.ftpPort());
        assertTrue(ftp.login("demo", "demo"));
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
    }

    @AfterEach
    void stop() throws Exception {
        if (ftp.isConnected()) ftp.disconnect();
        if (server != null) server.close();
    }

    @Test
    void aFileOverFourGibibytesHasItsTrueSizeAndResumesPastTheFourGibibyteMark() throws Exception {
        long size = 5L << 30; // sparse: no disk space is used
        try (RandomAccessFile file = new RandomAccessFile(root.resolve("huge.bin").toFile(), "rw")) {
            file.setLength(size);
            file.seek(size - 4);
            file.write(new byte[] {1, 2, 3, 4});
        }
        assertEquals(String.valueOf(size), ftp.getSize("huge.bin"));
        FTPFile[] listed = ftp.listFiles("huge.bin");
        assertEquals(size, listed[0].getSize());
        ftp.setRestartOffset(size - 10);
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("huge.bin", tail), ftp.getReplyString());
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, tail.toByteArray());
    }

    @Test
    void aFolderOfTwentyThousandEntriesListsCompletely() throws Exception {
        Path big = Files.createDirectories(root.resolve("big"));
        for (int i = 0; i < 20_000; i++) Files.createFile(big.resolve("f%05d.txt".formatted(i)));
        long start = System.nanoTime();
        String[] names = ftp.listNames("big");
        long namesMs = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        FTPFile[] files = ftp.listFiles("big");
        long listMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(20_000, names.length);
        assertEquals(20_000, files.length);
        assertEquals("f00000.txt", files[0].getName());
        assertEquals("f19999.txt", files[19_999].getName());
        System.out.printf("20,000 entries: NLST %d ms, LIST %d ms%n", namesMs, listMs); // a figure, not an assertion
    }

    @Test
    void aNameOnDiskThatIsNotUtf8NeverBreaksAListing() throws Exception {
        Files.writeString(root.resolve("fine.txt"), "fine");
        // Java cannot create such a name on a UTF-8 system; the shell's printf can.
        Tools.Run touch = Tools.run(dir, "sh", "-c", "touch \"root/$(printf 'bad\\377\\376name.txt')\"");
        Tools.assertOk(touch);
        FTPFile[] files = ftp.listFiles();
        assertEquals(2, files.length, () -> java.util.Arrays.toString(files));
        assertEquals(2, ftp.mlistDir().length);
        ByteArrayOutputStream fine = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile("fine.txt", fine));
        assertEquals("fine", fine.toString());
    }
}
