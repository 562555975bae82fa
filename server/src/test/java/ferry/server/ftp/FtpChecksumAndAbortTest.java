package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** HASH and XCRC (the same checksum code as the framed STAT), and ABOR of a transfer in progress. */
@Timeout(30)
class FtpChecksumAndAbortTest {
    @TempDir
    Path dir;

    @Test
    void hashAnswersTheChosenAlgorithmOverTheWholeFile() throws Exception {
        byte[] content = FtpTestServer.random(100_000);
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            Files.write(server.root.resolve("f.bin"), content);
            ftp.login("demo", "demo");
            assertEquals("213 SHA-256 0-99999 " + hex("SHA-256", content) + " f.bin", ftp.send("HASH f.bin"));
            assertEquals("200 SHA-256", ftp.send("OPTS HASH"));
            for (String algorithm : new String[] {"SHA-1", "MD5"}) {
                assertEquals("200 " + algorithm, ftp.send("OPTS HASH " + algorithm));
                assertEquals("213 %s 0-99999 %s f.bin".formatted(algorithm, hex(algorithm, content)), ftp.send("HASH f.bin"));
            }
            CRC32 crc = new CRC32();
            crc.update(content);
            assertEquals("200 CRC32", ftp.send("OPTS HASH crc32"));
            assertEquals("213 CRC32 0-99999 %08x f.bin".formatted(crc.getValue()), ftp.send("HASH f.bin"));
            assertTrue(ftp.send("FEAT").contains(" HASH SHA-256;SHA-1;MD5;CRC32*\n"), "FEAT marks the algorithm in use");
            assertEquals(504, RawFtp.code(ftp.send("OPTS HASH WHIRLPOOL")));
            assertEquals("250 %08X".formatted(crc.getValue()), ftp.send("XCRC \"f.bin\""));
            assertEquals(550, RawFtp.code(ftp.send("HASH missing.bin")));
        }
    }

    @Test
    void aborDuringADownloadEndsItWith426Then226AndTheSessionGoesOn() throws Exception {
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            Files.write(server.root.resolve("big.bin"), new byte[64 << 20]);
            ftp.login("demo", "demo");
            ftp.send("TYPE I");
            int port = RawFtp.pasvPort(ftp.send("PASV"));
            try (Socket data = new Socket("127.0.0.1", port)) {
                assertEquals(150, RawFtp.code(ftp.send("RETR big.bin")));
                InputStream in = data.getInputStream();
                in.readNBytes(4096); // the transfer is under way; the rest of 64 MiB cannot fit in socket buffers
                assertEquals(426, RawFtp.code(ftp.send("ABOR")));
                assertEquals(226, RawFtp.code(ftp.reply()));
            }
            assertEquals(200, RawFtp.code(ftp.send("NOOP")));
            assertEquals(226, RawFtp.code(ftp.send("ABOR")), "ABOR without a transfer");
        }
    }

    @Test
    void listTakesLsOptionsBeforeAPath() throws Exception {
        try (var server = FtpTestServer.start(dir); var ftp = RawFtp.connect(server.ftpPort())) {
            Files.createDirectories(server.root.resolve("sub"));
            Files.writeString(server.root.resolve("sub/inside.txt"), "x");
            ftp.login("demo", "demo");
            assertEquals(211, RawFtp.code(ftp.send("STAT")));
            String listing = ftp.send("STAT -la sub");
            assertTrue(listing.startsWith("212") && listing.contains(" inside.txt"), listing);
        }
    }

    private static String hex(String algorithm, byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    }
}
