package ferry.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.client.transfer.ClientTls;
import ferry.client.transfer.Connection;
import ferry.server.Server;
import ferry.server.ftp.FtpSessions;
import ferry.server.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The framed protocol over TLS: real handshakes, trust by CA or by a pinned fingerprint, and refusals. */
@Timeout(60)
class TlsTest {
    @TempDir
    Path dir;

    private ServerTls identity;
    private Path knownHosts;

    @BeforeEach
    void makeIdentity() throws Exception {
        identity = ServerTls.selfSigned(dir.resolve("ferry-tls.p12")); // made with the JDK's keytool, as on first start
        knownHosts = dir.resolve("config/known_hosts");
    }

    private Server start() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        return Server.start(new Server.Config(new InetSocketAddress("127.0.0.1", 0), root, users, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5), null,
                new FtpSessions.DataSettings(null, null),
                new Server.Security(5, Duration.ofMinutes(5), Duration.ofMillis(10), 64, null, identity)));
    }

    private Connection connect(Server server, ClientTls tls) throws Exception {
        Connection connection = Connection.open("localhost", server.port(), Duration.ofSeconds(10), tls);
        connection.login("demo", "demo");
        return connection;
    }

    @Test
    void aPinnedFingerprintCarriesAWholeTransfer() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        try (Server server = start()) {
            Files.writeString(knownHosts, "localhost:" + server.port() + " " + identity.fingerprint() + "\n");
            byte[] content = TestServer.random(300_000, 9);
            Files.write(dir.resolve("root/secret.bin"), content);
            try (Connection client = connect(server, ClientTls.of(null, knownHosts, question -> false))) {
                client.get("secret.bin", dir.resolve("copy.bin"), false);
            }
            assertArrayEquals(content, Files.readAllBytes(dir.resolve("copy.bin")));
        }
    }

    @Test
    void anUnknownCertificateIsShownOnceAndPinnedWhenTheUserSaysYes() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        ClientTls tls = ClientTls.of(null, knownHosts, question -> {
            asked.incrementAndGet();
            try {
                return question.contains(identity.fingerprint());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        try (Server server = start()) {
            connect(server, tls).quit();
            connect(server, tls).quit();
            assertEquals(1, asked.get(), "asked once, then pinned");
            assertEquals("localhost:" + server.port() + " " + identity.fingerprint(), Files.readString(knownHosts).strip());
        }
    }

    @Test
    void anUnknownCertificateIsRefusedWhenNoOneCanBeAsked() throws Exception {
        try (Server server = start()) {
            IOException refused = assertThrows(IOException.class,
                    () -> connect(server, ClientTls.of(null, knownHosts, question -> false)));
            assertTrue(refused.getMessage().contains("untrusted certificate, SHA-256 fingerprint " + identity.fingerprint()),
                    refused.getMessage());
            assertFalse(Files.exists(knownHosts));
        }
    }

    @Test
    void aChangedCertificateIsRefusedLoudly() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        try (Server server = start()) {
            Files.writeString(knownHosts, "localhost:" + server.port() + " 00:11:22\n");
            IOException refused = assertThrows(IOException.class,
                    () -> connect(server, ClientTls.of(null, knownHosts, question -> true)));
            assertTrue(refused.getMessage().contains("HAS CHANGED"), refused.getMessage());
            assertEquals("localhost:" + server.port() + " 00:11:22", Files.readString(knownHosts).strip(), "the pin stays");
        }
    }

    @Test
    void theServersCertificateAsCaIsTrustedWithItsHostName() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), identity.certificatePem());
        try (Server server = start(); Connection client = connect(server, ClientTls.of(ca, knownHosts, question -> false))) {
            assertEquals("~", client.pwd());
        }
        assertFalse(Files.exists(knownHosts), "trusted by the CA, nothing pinned");
    }

    @Test
    void aPlainClientOnTheTlsPortFailsWithoutHarmingTheServer() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        try (Server server = start()) {
            assertThrows(IOException.class, () -> Connection.open("127.0.0.1", server.port(), Duration.ofSeconds(5)));
            Files.writeString(knownHosts, "localhost:" + server.port() + " " + identity.fingerprint() + "\n");
            connect(server, ClientTls.of(null, knownHosts, question -> false)).quit();
        }
    }
}
