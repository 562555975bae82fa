package ferry.server.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.Server;
import ferry.server.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A client that speaks no TLS to the framed port under --tls is cut, audited, and nobody else notices. */
@Timeout(60)
class FramedTlsAuditTest {
    @TempDir
    Path dir;

    @Test
    void aPlaintextClientOnTheTlsPortIsAuditedAndTheServerGoesOn() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        ServerTls identity = ServerTls.selfSigned(dir.resolve("ferry-tls.p12"));
        Path audit = dir.resolve("audit.log");
        try (Server server = Server.start(new Server.Config(new InetSocketAddress("127.0.0.1", 0), root, users, 10,
                Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(1), null, new ferry.server.ftp.FtpSessions.DataSettings(null, null),
                new Server.Security(5, Duration.ofMinutes(5), Duration.ofMillis(1), 64, audit, identity)))) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Socket plain = new Socket("127.0.0.1", server.port())) {
                    plain.setSoTimeout(10_000);
                    plain.getOutputStream().write("HELLO in plain text, not a TLS record\r\n".getBytes(StandardCharsets.US_ASCII));
                    plain.getInputStream().readAllBytes(); // the server answers with an alert at most, then closes
                } catch (IOException reset) {
                    // a reset is as good as a close here
                }
            }
            TestServer.await("a tls-failed line in the audit log", () -> read(audit).contains("tls-failed"));
            assertTrue(read(audit).contains("127.0.0.1"), read(audit));
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
