package ferry.server.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.RawClient;
import ferry.server.Server;
import ferry.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** curl, unmodified, against the FTP port: list, get, put, resume both ways, passive with and without EPSV, active. */
@Timeout(120)
class CurlTest {
    @TempDir
    Path dir;

    private Server server;
    private Path root;

    @BeforeEach
    void start() throws Exception {
        Tools.require("curl");
        server = Tools.server(dir);
        root = dir.resolve("root");
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private Tools.Run curl(String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "curl";
        command[1] = "--silent";
        command[2] = "--show-error";
        System.arraycopy(args, 0, command, 3, args.length);
        return Tools.run(dir, command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--ftp-pasv", "--disable-epsv", "--ftp-port 127.0.0.1", "--ftp-port 127.0.0.1 --disable-eprt"})
    void getAndPutAreByteIdenticalInEveryDataConnectionMode(String mode) throws Exception {
        byte[] content = TestServer.random(1_500_000, 1);
        Files.write(root.resolve("down.bin"), content);
        Files.write(dir.resolve("up.bin"), content);
        String[] modeArgs = mode.split(" ");

        Tools.assertOk(curl(concat(modeArgs, "-o", "got.bin", Tools.url(server, "down.bin"))));
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("got.bin")));
        Tools.assertOk(curl(concat(modeArgs, "-T", "up.bin", Tools.url(server, "put.bin"))));
        assertArrayEquals(content, Files.readAllBytes(root.resolve("put.bin")));
    }

    @Test
    void ipv6WorksInPassiveAndActiveMode() throws Exception {
        Server six;
        try {
            six = Tools.server(dir.resolve("six"), "::1");
        } catch (java.net.SocketException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
            return;
        }
        try (six) {
            Files.writeString(dir.resolve("six/root/v6.txt"), "over IPv6");
            String url = "ftp://demo:demo@[::1]:" + six.ftpPort() + "/v6.txt";
            Tools.Run epsv = curl("--globoff", url);
            Tools.assertOk(epsv);
            assertEquals("over IPv6", epsv.out());
            Tools.Run eprt = curl("--globoff", "--ftp-port", "-", url);
            Tools.assertOk(eprt);
            assertEquals("over IPv6", eprt.out());
        }
    }

    @Test
    void listShowsEveryEntryInLsForm() throws Exception {
        Files.writeString(root.resolve("a.txt"), "a");
        Files.createDirectories(root.resolve("folder"));
        Tools.Run run = curl(Tools.url(server, ""));
        Tools.assertOk(run);
        // curl turns the listing's CRLF line ends into the local LF.
        assertTrue(run.out().matches("-rw-r--r-- 1 ferry ferry +1 \\w{3} \\d\\d \\d\\d:\\d\\d a\\.txt\r?\n"
                + "drwxr-xr-x 1 ferry ferry +0 \\w{3} \\d\\d \\d\\d:\\d\\d folder\r?\n"), run.out());
        Tools.Run names = curl("--list-only", Tools.url(server, ""));
        assertEquals(java.util.List.of("a.txt", "folder"), names.out().lines().toList());
    }

    @Test
    void continuedDownloadFetchesOnlyTheRest() throws Exception {
        byte[] content = TestServer.random(800_000, 2);
        Files.write(root.resolve("big.bin"), content);
        Files.write(dir.resolve("partial.bin"), Arrays.copyOf(content, 300_000));
        Tools.assertOk(curl("-C", "-", "-o", "partial.bin", Tools.url(server, "big.bin")));
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("partial.bin")));
    }

    @Test
    void continuedUploadAppendsOnlyTheRest() throws Exception {
        byte[] content = TestServer.random(800_000, 3);
        Files.write(root.resolve("big.bin"), Arrays.copyOf(content, 250_000));
        Files.write(dir.resolve("big.bin"), content);
        Tools.assertOk(curl("-C", "-", "-T", "big.bin", Tools.url(server, "big.bin")));
        assertArrayEquals(content, Files.readAllBytes(root.resolve("big.bin")));
    }

    @Test
    void createsFoldersAndRefusesWhatItMustRefuse() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "x");
        Tools.assertOk(curl("--ftp-create-dirs", "-T", "x.txt", Tools.url(server, "a/b/x.txt")));
        assertEquals("x", Files.readString(root.resolve("a/b/x.txt")));
        Tools.Run missing = curl("-o", "nope", Tools.url(server, "missing.txt"));
        assertEquals(78, missing.exit(), missing.err()); // CURLE_REMOTE_FILE_NOT_FOUND: the server said 550
        Tools.Run readOnly = curl("-T", "x.txt", "ftp://reader:r@127.0.0.1:" + server.ftpPort() + "/y.txt");
        assertTrue(readOnly.exit() != 0 && !Files.exists(root.resolve("y.txt")), readOnly.err());
        Tools.Run wrong = curl(Tools.url(server, "").replace("demo:demo", "demo:wrong"));
        assertEquals(67, wrong.exit(), wrong.err()); // CURLE_LOGIN_DENIED
    }

    @Test
    void aFileUploadedOverTheFramedProtocolIsReadIdenticalOverFtpAndBack() throws Exception {
        byte[] content = TestServer.random(123_457, 4);
        try (RawClient framed = RawClient.connect(server.port())) {
            framed.hello();
            framed.login("demo", "demo");
            assertTrue(framed.upload("framed.bin", content, false).status().isOk());
            Tools.assertOk(curl("-o", "via-ftp.bin", Tools.url(server, "framed.bin")));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("via-ftp.bin")));

            Files.write(dir.resolve("ftp.bin"), content);
            Tools.assertOk(curl("-T", "ftp.bin", Tools.url(server, "ftp.bin")));
            assertArrayEquals(content, framed.get("ftp.bin"));
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
