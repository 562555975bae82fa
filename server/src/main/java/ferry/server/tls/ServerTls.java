package ferry.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * The server's TLS identity: a certificate chain and key from PEM files (as Let's Encrypt issues them), or a
 * self-signed certificate made on first start and kept in a PKCS#12 file beside the users file. Gives TLS 1.2 and
 * 1.3 server sockets, 1.3 preferred by the JDK. Immutable and thread-safe.
 */
public final class ServerTls {
    private static final char[] STORE_PASSWORD = "ferry-tls".toCharArray(); // the file itself is owner-only
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final SSLContext context;
    private final X509Certificate certificate;

    private ServerTls(SSLContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
    }

    /** From a PEM certificate chain and a PEM (PKCS#8) private key. */
    public static ServerTls fromPem(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<Certificate> chain;
        try (InputStream in = Files.newInputStream(certFile)) {
            chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
        if (chain.isEmpty()) throw new GeneralSecurityException(certFile + ": no certificate");
        Matcher pem = PEM_KEY.matcher(Files.readString(keyFile, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new GeneralSecurityException(keyFile + ": expected a '-----BEGIN PRIVATE KEY-----' (PKCS#8) block;"
                    + " convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        PrivateKey key = privateKey(Base64.getMimeDecoder().decode(pem.group(1)), keyFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("ferry", key, STORE_PASSWORD, chain.toArray(Certificate[]::new));
        return of(store);
    }

    /** The self-signed identity kept in {@code store}, made there (with the JDK's keytool) if it does not exist. */
    public static ServerTls selfSigned(Path store) throws IOException, GeneralSecurityException {
        if (!Files.exists(store)) generate(store);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        return of(keys);
    }

    private static ServerTls of(KeyStore store) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new ServerTls(context, (X509Certificate) store.getCertificate(store.aliases().nextElement()));
    }

    private static PrivateKey privateKey(byte[] pkcs8, Path file) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException notThis) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException(file + ": not an RSA, EC or EdDSA private key");
    }

    private static void generate(Path store) throws IOException, GeneralSecurityException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "ferry", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=Ferry self-signed",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new GeneralSecurityException("keytool could not make a certificate: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a certificate");
        }
        Files.setPosixFilePermissions(store, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** A listening socket (not yet bound) that speaks TLS 1.2 or 1.3 only. */
    public SSLServerSocket newServerSocket() throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        return socket;
    }

    /** The certificate's SHA-256 fingerprint, as {@code AB:CD:...}, the way clients show and pin it. */
    public String fingerprint() throws GeneralSecurityException {
        return fingerprint(certificate);
    }

    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** The certificate in PEM, for clients that want it as their --ca. */
    public String certificatePem() throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

}
