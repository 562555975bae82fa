package ferry.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server's TLS identity: PEM files as Let's Encrypt issues them, or a self-signed one kept between starts. */
@Timeout(60)
class ServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void theSelfSignedIdentityIsMadeOnceAndKeptOwnerOnly() throws Exception {
        Path store = dir.resolve("ferry-tls.p12");
        String first = ServerTls.selfSigned(store).fingerprint();
        assertEquals(first, ServerTls.selfSigned(store).fingerprint(), "the same certificate on the next start");
        assertTrue(first.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
    }

    @Test
    void pemCertificateAndPkcs8KeyLoad() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl makes the PEM files");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=localhost", "-days", "2")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0);
        ServerTls tls = ServerTls.fromPem(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        assertTrue(tls.certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(95, tls.fingerprint().length());
    }

    @Test
    void aKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
        Path store = dir.resolve("ferry-tls.p12");
        Path cert = Files.writeString(dir.resolve("cert.pem"), ServerTls.selfSigned(store).certificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        GeneralSecurityException refused = assertThrows(GeneralSecurityException.class, () -> ServerTls.fromPem(cert, key));
        assertTrue(refused.getMessage().contains("openssl pkcs8 -topk8"), refused.getMessage());
    }
}
