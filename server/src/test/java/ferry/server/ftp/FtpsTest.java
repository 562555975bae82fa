package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.Server;
import ferry.server.TestServer;
import ferry.server.tls.ServerTls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FTPS (RFC 4217) on the FTP port with Apache Commons Net's FTPSClient and raw control connections: AUTH TLS, PBSZ,
 * PROT, CCC refused, protected data, session reuse required or optional, implicit FTPS, --require-tls, and what a
 * hostile client tries (commands smuggled after AUTH, a broken handshake). Commons Net cannot resume TLS sessions
 * on data connections, which makes it the client that proves the reuse check refuses.
 */
@Timeout(60)
class FtpsTest {
    @TempDir
    static Path shared;
    private static ServerTls identity;
    private static SSLContext trusting;

    @TempDir
    Path dir;
    private Server server;
    private FTPSClient client;

    @BeforeAll
    static void makeIdentity() throws Exception {
        identity = ServerTls.selfSigned(shared.resolve("ferry-tls.p12"));
        trusting = trusting(ServerTls.pemBeside(shared.resolve("ferry-tls.p12")));
    }

    /** An SSLContext that trusts only the certificate in {@code pem}. */
    static SSLContext trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null && client.isConnected()) client.disconnect();
        if (server != null) server.close();
    }

    private void start(boolean requireTls, boolean reuse) throws Exception {
        start(requireTls, reuse, false);
    }

    private void start(boolean requireTls, boolean reuse, boolean tls13) throws Exception {
        server = TestServer.startFtps(dir, identity, requireTls, reuse, tls13);
    }

    /** An FTPS client (explicit, or implicit on the FTPS port) that trusts the server's certificate, connected. */
    private FTPSClient connect(boolean implicit) throws IOException {
        client = new FTPSClient(implicit, trusting);
        client.setConnectTimeout(10_000);
        client.setDefaultTimeout(10_000);
        client.setDataTimeout(Duration.ofSeconds(10));
        client.connect("127.0.0.1", implicit ? server.ftpsPort() : server.ftpPort());
        return client;
    }

    private static void loginProtected(FTPSClient ftps) throws IOException {
        assertTrue(ftps.login("demo", "demo"), ftps.getReplyString());
        ftps.execPBSZ(0);
        ftps.execPROT("P");
        assertTrue(ftps.setFileType(FTP.BINARY_FILE_TYPE));
        ftps.enterLocalPassiveMode();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private String audit() {
        Path log = dir.resolve("audit.log");
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The audit line may be written just after the client saw the connection close: wait for it, with a deadline. */
    private void awaitAudit(String event) {
        ferry.server.TestServer.await("an audit line " + event, () -> audit().contains(event));
    }

    @Test
    void protectedUploadDownloadAndListingWorkWhenReuseIsOptional() throws Exception {
        start(false, false);
        FTPSClient ftps = connect(false);
        loginProtected(ftps);
        byte[] content = random(700_000);
        assertTrue(ftps.storeFile("secret.bin", new ByteArrayInputStream(content)), ftps.getReplyString());
        assertArrayEquals(content, Files.readAllBytes(dir.resolve("root/secret.bin")));
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertTrue(ftps.retrieveFile("secret.bin", got), ftps.getReplyString());
        assertArrayEquals(content, got.toByteArray());
        assertEquals(List.of("secret.bin"), Arrays.asList(ftps.listNames()));
    }

    @Test
    void aDataConnectionThatDoesNotResumeTheSessionIsRefusedWhenReuseIsRequired() throws Exception {
        start(false, true);
        FTPSClient ftps = connect(false);
        loginProtected(ftps);
        assertFalse(ftps.storeFile("x.bin", new ByteArrayInputStream(new byte[10])));
        assertEquals(522, ftps.getReplyCode(), ftps.getReplyString());
        assertFalse(Files.exists(dir.resolve("root/x.bin")), "nothing stored");
        assertTrue(ftps.sendNoOp(), "the control connection goes on");
    }

    @Test
    void clearDataIsStillAllowedAfterAuthWithoutRequireTls() throws Exception {
        start(false, true);
        FTPSClient ftps = connect(false);
        assertTrue(ftps.login("demo", "demo"));
        ftps.execPBSZ(0);
        ftps.execPROT("C");
        ftps.enterLocalPassiveMode();
        assertTrue(ftps.storeFile("clear.txt", new ByteArrayInputStream("in the clear".getBytes(StandardCharsets.UTF_8))),
                ftps.getReplyString());
        assertEquals("in the clear", Files.readString(dir.resolve("root/clear.txt")));
    }

    @Test
    void implicitFtpsSpeaksTlsFromTheFirstByteAndProtectsDataByDefault() throws Exception {
        start(false, false);
        FTPSClient ftps = connect(true);
        assertTrue(ftps.login("demo", "demo"), ftps.getReplyString());
        assertEquals(211, ftps.sendCommand("STAT"));
        assertTrue(ftps.getReplyString().contains("Control connection over TLSv1.")
                && ftps.getReplyString().contains("Data connections protected (PROT P)"), ftps.getReplyString());
        ftps.execPBSZ(0);
        ftps.execPROT("P"); // Commons Net wraps its data sockets only once it has sent this itself
        ftps.enterLocalPassiveMode();
        Files.writeString(dir.resolve("root/hello.txt"), "hello");
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertTrue(ftps.retrieveFile("hello.txt", got), ftps.getReplyString());
        assertEquals("hello", got.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aClientThatTrustsAnotherCertificateRefusesTheServer() throws Exception {
        start(false, false);
        Path other = dir.resolve("other/ferry-tls.p12");
        Files.createDirectories(other.getParent());
        ServerTls.selfSigned(other);
        client = new FTPSClient(false, trusting(ServerTls.pemBeside(other)));
        client.setDefaultTimeout(10_000);
        assertThrows(SSLHandshakeException.class, () -> client.connect("127.0.0.1", server.ftpPort()), "AUTH TLS happens on connect");
    }

    @Test
    void requireTlsRefusesPlaintextLoginAndClearData() throws Exception {
        start(true, false);
        try (RawFtp raw = RawFtp.connect(server.ftpPort())) {
            assertTrue(raw.send("USER demo").startsWith("530 "), "USER before AUTH TLS");
            assertTrue(raw.send("PASS demo").startsWith("530 "), "PASS before AUTH TLS");
        }
        awaitAudit("login-refused");

        FTPSClient ftps = connect(false);
        assertTrue(ftps.login("demo", "demo"), "after AUTH TLS: " + ftps.getReplyString());
        ftps.execPBSZ(0);
        assertEquals(534, ftps.sendCommand("PROT", "C"), ftps.getReplyString());
        ftps.enterLocalPassiveMode();
        assertEquals(null, ftps.listNames(), "no PROT P yet");
        assertEquals(521, ftps.getReplyCode(), ftps.getReplyString());
        ftps.execPROT("P");
        assertEquals(0, ftps.listNames().length, ftps.getReplyString());
    }

    @Test
    void featAnnouncesTlsAndTheSecurityCommandsKeepTheirOrder() throws Exception {
        start(false, false);
        try (RawFtp raw = RawFtp.connect(server.ftpPort())) {
            String feat = raw.send("FEAT");
            assertTrue(feat.contains(" AUTH TLS") && feat.contains(" PBSZ") && feat.contains(" PROT"), feat);
            assertTrue(raw.send("PBSZ 0").startsWith("503 "), "PBSZ before AUTH");
            assertTrue(raw.send("PROT P").startsWith("503 "), "PROT before AUTH");
            assertTrue(raw.send("AUTH KERBEROS").startsWith("504 "), "unknown mechanism");
            assertTrue(raw.send("CCC").startsWith("534 "), "CCC is refused");
        }
        FTPSClient ftps = connect(false);
        assertEquals(503, ftps.sendCommand("PROT", "P"), "PROT before PBSZ: " + ftps.getReplyString());
        assertEquals(200, ftps.sendCommand("PBSZ", "0"));
        assertEquals(536, ftps.sendCommand("PROT", "S"), ftps.getReplyString());
        assertEquals(503, ftps.sendCommand("AUTH", "TLS"), "already TLS: " + ftps.getReplyString());
        SSLException ccc = assertThrows(SSLException.class, () -> ftps.sendCommand("CCC"), "Commons Net throws on a refused CCC");
        assertTrue(ccc.getMessage().startsWith("534 "), "the control connection stays encrypted: " + ccc.getMessage());
    }

    @Test
    void withoutTlsAuthIsNotOfferedAndAnswered502() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        server = Server.start(new Server.Config(any, root, users, 50, Duration.ofSeconds(2), Duration.ofSeconds(20),
                Duration.ofSeconds(1), any, new FtpSessions.DataSettings(null, null)));
        try (RawFtp raw = RawFtp.connect(server.ftpPort())) {
            assertFalse(raw.send("FEAT").contains("AUTH"));
            assertTrue(raw.send("AUTH TLS").startsWith("502 "));
            assertTrue(raw.send("USER demo").startsWith("331 "), "plaintext login still works");
        }
    }

    @Test
    void commandsSmuggledAfterAuthBeforeItsReplyAreNeverRun() throws Exception {
        start(false, false);
        Files.writeString(dir.resolve("root/keep.txt"), "keep");
        try (Socket socket = new Socket("127.0.0.1", server.ftpPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            readLine(in); // 220
            socket.getOutputStream().write("AUTH TLS\r\nUSER demo\r\nPASS demo\r\nDELE keep.txt\r\n".getBytes(StandardCharsets.US_ASCII));
            String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // until the server closes
            assertFalse(rest.contains("331") || rest.contains("230") || rest.contains("250"), rest);
        }
        assertTrue(Files.exists(dir.resolve("root/keep.txt")), "the smuggled DELE did not run");
        awaitAudit("tls-failed");
    }

    @Test
    void aBrokenHandshakeClosesTheConnectionAndIsAudited() throws Exception {
        start(false, false);
        try (Socket socket = new Socket("127.0.0.1", server.ftpPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            readLine(in);
            socket.getOutputStream().write("AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readLine(in).startsWith("234 "));
            socket.getOutputStream().write("USER demo\r\nthis is no TLS record\r\n".getBytes(StandardCharsets.US_ASCII));
            in.readAllBytes(); // the server closes (perhaps after a TLS alert)
        }
        awaitAudit("tls-failed");
        try (RawFtp raw = RawFtp.connect(server.ftpPort())) {
            assertTrue(raw.send("NOOP").startsWith("200 "), "the server goes on");
        }
    }

    /**
     * After a transfer long enough for a reader thread to take over the control connection (see FtpSession), AUTH
     * TLS still leaves the handshake to TLS, and commands smuggled behind it are still never run.
     */
    @Test
    void authTlsAfterATransferLongEnoughForAReaderThreadStillWorksAndRunsNothingSmuggled() throws Exception {
        start(false, false);
        Files.write(dir.resolve("root/big.bin"), new byte[64 << 20]);
        Files.writeString(dir.resolve("root/keep.txt"), "keep");
        try (Socket socket = new Socket("127.0.0.1", server.ftpPort())) {
            InputStream in = watchedSession(socket);
            socket.getOutputStream().write("AUTH TLS\r\nDELE keep.txt\r\n".getBytes(StandardCharsets.US_ASCII));
            String rest = new String(in.readAllBytes(), StandardCharsets.US_ASCII); // until the server closes
            assertFalse(rest.contains("250"), rest);
        }
        assertTrue(Files.exists(dir.resolve("root/keep.txt")), "the smuggled DELE did not run");
        try (Socket socket = new Socket("127.0.0.1", server.ftpPort())) {
            watchedSession(socket);
            socket.getOutputStream().write("AUTH TLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readLine(socket.getInputStream()).startsWith("234 "));
            try (var tls = (javax.net.ssl.SSLSocket) trusting.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true)) {
                tls.startHandshake();
                InputStream in = tls.getInputStream();
                tls.getOutputStream().write("USER demo\r\nPASS demo\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                assertTrue(readLine(in).startsWith("331 "));
                assertTrue(readLine(in).startsWith("230 "));
                assertTrue(readLine(in).startsWith("200 "));
            }
        }
    }

    /** Logs in over plain FTP and aborts a download that cannot fit in the socket buffers: 426, then 226. */
    private static InputStream watchedSession(Socket control) throws IOException {
        control.setSoTimeout(10_000);
        InputStream in = control.getInputStream();
        var out = control.getOutputStream();
        assertTrue(readLine(in).startsWith("220 "));
        out.write("USER demo\r\nPASS demo\r\nPASV\r\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(readLine(in).startsWith("331 "));
        assertTrue(readLine(in).startsWith("230 "));
        int port = RawFtp.pasvPort(readLine(in));
        try (Socket data = new Socket("127.0.0.1", port)) {
            out.write("RETR big.bin\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readLine(in).startsWith("150 "));
            data.getInputStream().readNBytes(4096); // under way: the server's thread blocks writing the rest
            out.write("ABOR\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(readLine(in).startsWith("426 "), "ABOR heard during the transfer");
            assertTrue(readLine(in).startsWith("226 "));
        }
        return in;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            int b = in.read();
            if (b < 0 || b == '\n') break;
            line.append((char) b);
        }
        return line.toString().strip();
    }
}
