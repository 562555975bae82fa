package ferry.server.ftp;

import static ferry.server.ftp.FtpTestServer.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Uploads and downloads in each way of making a data connection, at the sizes around buffer boundaries. */
@Timeout(60)
class FtpDataModesTest {
    @TempDir
    Path dir;

    /** How Commons Net opens the data connection, and the command that shows it did. */
    enum Mode {
        PASV("PASV"), EPSV("EPSV"), ACTIVE("PORT");

        final String command;

        Mode(String command) {
            this.command = command;
        }

        void apply(FTPClient ftp) {
            switch (this) {
                case PASV -> {
                    ftp.enterLocalPassiveMode();
                    ftp.setUseEPSVwithIPv4(false);
                }
                case EPSV -> {
                    ftp.enterLocalPassiveMode();
                    ftp.setUseEPSVwithIPv4(true);
                }
                case ACTIVE -> ftp.enterLocalActiveMode(); // Commons Net sends PORT over IPv4, EPRT only over IPv6
            }
        }
    }

    static Stream<Arguments> modesAndSizes() {
        return Stream.of(Mode.values()).flatMap(mode ->
                Stream.of(0, 1, 1023, 1024, 1025, 3_000_017).map(size -> Arguments.of(mode, size)));
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("modesAndSizes")
    void anUploadIsDownloadedByteIdentical(Mode mode, int size) throws Exception {
        byte[] content = random(size);
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("demo", "demo");
            mode.apply(ftp);
            List<String> transcript = FtpTestServer.transcript(ftp);
            FtpTestServer.assertStoredAndRead(ftp, server.root.resolve("f.bin"), "f.bin", content);
            assertTrue(transcript.stream().anyMatch(line -> line.startsWith("> " + mode.command)), () -> mode.command + " not sent: " + transcript);
            assertEquals(size, Long.parseLong(ftp.getSize("f.bin")));
        }
    }

    @Test
    void listingsWorkInEveryMode() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            Files.writeString(server.root.resolve("x.txt"), "x");
            FTPClient ftp = server.login("demo", "demo");
            for (Mode mode : Mode.values()) {
                mode.apply(ftp);
                assertArrayEquals(new String[] {"x.txt"}, ftp.listNames(), mode.name());
                assertEquals(1, ftp.listFiles().length, mode.name());
                assertEquals(1, ftp.mlistDir().length, mode.name());
            }
        }
    }

    @Test
    void eprtMakesAnActiveDataConnectionToTheClient() throws Exception {
        byte[] content = random(70_000);
        try (var server = FtpTestServer.start(dir);
             var listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Files.write(server.root.resolve("e.bin"), content);
            listener.setSoTimeout(10_000);
            FTPClient ftp = server.login("demo", "demo");
            assertEquals(200, ftp.eprt(InetAddress.getByName("127.0.0.1"), listener.getLocalPort()));
            assertEquals(150, ftp.retr("e.bin"));
            byte[] received;
            try (Socket data = listener.accept(); InputStream in = data.getInputStream()) {
                data.setSoTimeout(10_000);
                received = in.readAllBytes();
            }
            assertEquals(226, ftp.getReply());
            assertArrayEquals(content, received);
        }
    }

    @Test
    void aTransferWithoutADataConnectionIsAnswered425() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            Files.writeString(server.root.resolve("x.txt"), "x");
            FTPClient ftp = server.login("demo", "demo");
            int first = ftp.retr("x.txt");
            int last = first == 150 ? ftp.getReply() : first;
            assertEquals(425, last);
            assertTrue(ftp.sendNoOp(), "the session goes on");
        }
    }

    @Test
    void theOpeningReplyOfRetrNamesTheFileAsFtpShowsIt() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            Files.createDirectories(server.aliceHome().resolve("sub"));
            Files.writeString(server.aliceHome().resolve("sub/x.txt"), "x");
            FTPClient ftp = server.login("alice", "a");
            List<String> transcript = FtpTestServer.transcript(ftp);
            FtpTestServer.retrieve(ftp, "sub/x.txt");
            String opening = transcript.stream().filter(line -> line.startsWith("< 150")).findFirst().orElseThrow();
            // FTP's "/" is the home: the framed protocol's "~/sub/x.txt" means nothing to an FTP client.
            assertTrue(opening.contains(" /sub/x.txt") && !opening.contains("~"), opening);
        }
    }

    @Test
    void epsvAllIsAcknowledgedAndThenOnlyEpsvSetsUpDataConnections() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("demo", "demo");
            // RFC 2428 4: after EPSV ALL the server MUST refuse every data connection setup command but EPSV.
            assertEquals(2, ftp.sendCommand("EPSV", "ALL") / 100, ftp.getReplyString());
            assertEquals(5, ftp.sendCommand("PASV") / 100, ftp.getReplyString());
            assertEquals(5, ftp.port(InetAddress.getByName("127.0.0.1"), 40_000) / 100, ftp.getReplyString());
            assertEquals(5, ftp.eprt(InetAddress.getByName("127.0.0.1"), 40_000) / 100, ftp.getReplyString());
            assertEquals(229, ftp.sendCommand("EPSV"));
        }
    }

    @Test
    void aPortBelow1024IsRefused() throws Exception {
        try (var server = FtpTestServer.start(dir)) {
            FTPClient ftp = server.login("demo", "demo");
            assertEquals(5, ftp.port(InetAddress.getByName("127.0.0.1"), 21) / 100);
            assertFalse(ftp.sendCommand("PORT", "1,2,3") / 100 == 2, "malformed PORT");
            assertEquals(501, ftp.sendCommand("EPRT", "|1|not-an-address|5000|"));
        }
    }
}
