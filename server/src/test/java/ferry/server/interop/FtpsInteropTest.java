package ferry.server.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.Server;
import ferry.server.TestServer;
import ferry.server.tls.ServerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FTPS with real clients as processes: curl (OpenSSL, which resumes the control connection's TLS session on data
 * connections) under TLS 1.2 and, with --ftps-tls13, 1.3, explicit and implicit; Python's ftplib (which cannot resume) against both
 * settings of session reuse; lftp (GnuTLS) mirroring both ways; a wrong CA and a plaintext login under
 * --require-tls refused.
 */
@Timeout(120)
class FtpsInteropTest {
    @TempDir
    static Path shared;
    private static ServerTls identity;
    private static Path ca;

    @TempDir
    Path dir;
    private Server server;

    @BeforeAll
    static void makeIdentity() throws Exception {
        identity = ServerTls.selfSigned(shared.resolve("ferry-tls.p12"));
        ca = ServerTls.pemBeside(shared.resolve("ferry-tls.p12"));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void start(boolean requireTls, boolean reuse) throws Exception {
        start(requireTls, reuse, false);
    }

    private void start(boolean requireTls, boolean reuse, boolean tls13) throws Exception {
        server = TestServer.startFtps(dir, identity, requireTls, reuse, tls13);
    }

    private Tools.Run curl(String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "curl";
        command[1] = "--silent";
        command[2] = "--show-error";
        System.arraycopy(args, 0, command, 3, args.length);
        return Tools.run(dir, command);
    }

    private String url(String path) {
        return "ftp://demo:demo@127.0.0.1:" + server.ftpPort() + "/" + path;
    }

    @Test
    void curlListsGetsAndPutsOverExplicitFtpsWithSessionReuseRequired() throws Exception {
        Tools.require("curl");
        start(true, true);
        byte[] content = TestServer.random(1_200_000, 7);
        Files.write(dir.resolve("root/down.bin"), content);
        Files.write(dir.resolve("up.bin"), content);
        String[] tls = {"--ssl-reqd", "--cacert", ca.toString()};

        Tools.Run list = curl(concat(tls, "--verbose", url("")));
        Tools.assertOk(list);
        assertTrue(list.out().contains(" down.bin"), list.out());
        assertTrue(list.err().contains("SSL connection using TLSv1.2"), "FTPS speaks TLS 1.2 by default: " + list.err());
        for (int round = 0; round < 3; round++) { // uploads are where TLS 1.3 tickets used to cut transfers
            Tools.assertOk(curl(concat(tls, "-o", "got.bin", url("down.bin"))));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("got.bin")));
            Tools.assertOk(curl(concat(tls, "-T", "up.bin", url("put" + round + ".bin"))));
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("root/put" + round + ".bin")));
        }
    }

    @Test
    void withFtpsTls13CurlListsAndGetsOverTls13ResumingTheSession() throws Exception {
        Tools.require("curl");
        start(false, true, true);
        byte[] content = TestServer.random(300_000, 8);
        Files.write(dir.resolve("root/down.bin"), content);
        String[] tls = {"--tlsv1.3", "--ssl-reqd", "--cacert", ca.toString()};
        Tools.Run list = curl(concat(tls, "--verbose", url("")));
        Tools.assertOk(list);
        assertTrue(list.err().contains("SSL connection using TLSv1.3"), list.err());
        Tools.assertOk(curl(concat(tls, "-o", "got.bin", url("down.bin"))));
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("got.bin")));
    }

    @Test
    void curlUsesTheImplicitFtpsPort() throws Exception {
        Tools.require("curl");
        start(false, true);
        Files.writeString(dir.resolve("root/hello.txt"), "hello over implicit FTPS");
        Tools.Run get = curl("--cacert", ca.toString(), "ftps://demo:demo@127.0.0.1:" + server.ftpsPort() + "/hello.txt");
        Tools.assertOk(get);
        assertEquals("hello over implicit FTPS", get.out());
    }

    @Test
    void curlRefusesAServerWhoseCertificateItDoesNotTrust() throws Exception {
        Tools.require("curl");
        start(false, true);
        Path other = Files.createDirectories(dir.resolve("other")).resolve("ferry-tls.p12");
        ServerTls.selfSigned(other);
        Tools.Run run = curl("--ssl-reqd", "--cacert", ServerTls.pemBeside(other).toString(), url(""));
        assertEquals(60, run.exit(), "curl's 'peer certificate cannot be authenticated': " + run.err());
    }

    @Test
    void plaintextLoginIsRefusedUnderRequireTls() throws Exception {
        Tools.require("curl");
        start(true, true);
        Files.writeString(dir.resolve("root/secret.txt"), "secret");
        Tools.Run plain = curl(url("secret.txt"));
        assertNotEquals(0, plain.exit());
        assertFalse(plain.out().contains("secret"), plain.out());
        assertTrue(plain.err().contains("530") || plain.err().contains("denied"), plain.err());
    }

    @Test
    void lftpMirrorsOverFtpsWithReuseAndRequireTls() throws Exception {
        Tools.require("lftp");
        start(true, true);
        byte[] content = TestServer.random(500_000, 9);
        Files.createDirectories(dir.resolve("root/tree/sub"));
        Files.write(dir.resolve("root/tree/sub/a.bin"), content);
        Tools.Run run = Tools.run(dir, "lftp", "-c", String.join("; ",
                "set ssl:ca-file " + ca, "set ftp:ssl-force true", "set ftp:ssl-protect-data true", "set net:max-retries 1",
                "open -u demo,demo -p " + server.ftpPort() + " 127.0.0.1", "mirror tree local", "mirror -R local back"));
        Tools.assertOk(run);
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("local/sub/a.bin")));
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("root/back/sub/a.bin")));
    }

    private static final String FTPLIB = """
            import ftplib, io, ssl, sys
            port, ca = int(sys.argv[1]), sys.argv[2]
            context = ssl.create_default_context(cafile=ca)
            f = ftplib.FTP_TLS(context=context)
            f.connect('127.0.0.1', port, timeout=20)
            f.login('demo', 'demo')
            f.prot_p()
            try:
                f.nlst()  # a refused data connection is answered before ftplib writes to it
                f.storbinary('STOR py.bin', io.BytesIO(b'x' * 100000))
                got = io.BytesIO(); f.retrbinary('RETR py.bin', got.write)
                assert got.getvalue() == b'x' * 100000
                print('ok')
            except ftplib.error_perm as e:
                print('refused', e)
            f.quit()
            """;

    @Test
    void pythonFtplibWhichCannotResumeSessionsIsRefusedWhenReuseIsRequired() throws Exception {
        Tools.require("python3");
        start(false, true);
        Tools.Run run = ftplib();
        Tools.assertOk(run);
        assertTrue(run.out().startsWith("refused 522"), run.out());
        assertFalse(Files.exists(dir.resolve("root/py.bin")));
    }

    @Test
    void pythonFtplibWorksWhenReuseIsOptional() throws Exception {
        Tools.require("python3");
        start(false, false);
        Tools.Run run = ftplib();
        Tools.assertOk(run);
        assertEquals("ok\n", run.out());
        assertEquals(100_000, Files.size(dir.resolve("root/py.bin")));
    }

    private Tools.Run ftplib() throws Exception {
        Files.writeString(dir.resolve("ftps.py"), FTPLIB);
        return Tools.run(dir, "python3", "ftps.py", String.valueOf(server.ftpPort()), ca.toString());
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
