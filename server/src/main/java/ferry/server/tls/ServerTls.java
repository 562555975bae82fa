package ferry.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
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
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The server's TLS identity: a certificate chain and key from PEM files (as Let's Encrypt issues them), or a
 * self-signed certificate made on first start and kept in a PKCS#12 file beside the users file. Gives TLS 1.2 and
 * 1.3 server sockets, 1.3 preferred by the JDK. Immutable and thread-safe.
 */
public final class ServerTls {
    private static final char[] STORE_PASSWORD = "ferry-tls".toCharArray(); // the file itself is owner-only
    private static final String STATELESS_TICKETS = "jdk.tls.server.enableSessionTicketExtension";
    private static final String RESUMPTION_MARK = "ferry.resumption-mark";
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private final SSLContext context;
    private final X509Certificate certificate;
    private final Path exported;
    private final String[] protocols;

    private ServerTls(SSLContext context, X509Certificate certificate, Path exported) {
        this(context, certificate, exported, PROTOCOLS);
    }

    private ServerTls(SSLContext context, X509Certificate certificate, Path exported, List<String> protocols) {
        this.context = context;
        this.certificate = certificate;
        this.exported = exported;
        this.protocols = protocols.toArray(String[]::new);
    }

    /** The same identity (and session cache), speaking only TLS 1.2: see FTPS's --ftps-tls13 for why. */
    public ServerTls tls12Only() {
        return new ServerTls(context, certificate, exported, List.of("TLSv1.2"));
    }

    /** The PEM file a self-signed certificate was written to for clients; null for one from --cert. */
    public Path exportedCertificate() {
        return exported;
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
        ServerTls tls = of(keys);
        Path pem = pemBeside(store);
        tls.exportCertificate(pem);
        return new ServerTls(tls.context, tls.certificate, pem);
    }

    /** Where {@link #selfSigned} puts the certificate in PEM, for clients' --ca or curl's --cacert: ferry-tls.pem. */
    public static Path pemBeside(Path store) {
        String name = store.getFileName().toString();
        return store.resolveSibling((name.endsWith(".p12") ? name.substring(0, name.length() - 4) : name) + ".pem");
    }

    /** Writes the certificate (public; no key) to {@code file} unless it already holds it, atomically. */
    private void exportCertificate(Path file) throws IOException, GeneralSecurityException {
        String pem = certificatePem();
        if (Files.exists(file) && Files.readString(file, StandardCharsets.US_ASCII).equals(pem)) return;
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".ferry-tls", ".tmp");
        try {
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ServerTls of(KeyStore store) throws GeneralSecurityException {
        // TLS 1.3 resumption from a stateless ticket rebuilds the session without the values bound to it, which
        // would hide from resumes() that an FTPS data connection resumed its control connection's session; the
        // stateful cache keeps them. Read when the SSLContext is made; an administrator's own setting wins.
        if (System.getProperty(STATELESS_TICKETS) == null) System.setProperty(STATELESS_TICKETS, "false");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return new ServerTls(context, (X509Certificate) store.getCertificate(store.aliases().nextElement()), null);
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
        socket.setEnabledProtocols(protocols.clone());
        return socket;
    }

    /**
     * The server side of TLS over an accepted plain connection, as FTP's AUTH TLS and protected data connections
     * need; {@code consumed} are bytes already read from it that belong to the handshake (usually none).
     */
    public SSLSocket wrap(Socket plain, byte[] consumed) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, new ByteArrayInputStream(consumed), true);
        socket.setUseClientMode(false);
        socket.setEnabledProtocols(protocols.clone());
        return socket;
    }

    /**
     * Completes {@code socket}'s handshake within {@code timeout}, so that a client that stalls or speaks no TLS
     * fails here, where the caller can log it, rather than at some later read.
     */
    public static void handshake(SSLSocket socket, Duration timeout) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(timeout.isZero() ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        socket.startHandshake();
        socket.setSoTimeout(before);
    }

    /**
     * Marks {@code control} so that {@link #resumes} can recognise sessions resumed from it. JSSE gives no public
     * "was this resumed" flag, but a resumed session shares its origin's bound values: the same session object in
     * TLS 1.2, a copy sharing them in TLS 1.3 (with the stateful session cache, see {@link #of}).
     */
    public static void mark(SSLSession control, Object token) {
        control.putValue(RESUMPTION_MARK, token);
    }

    /**
     * Whether {@code data} resumed the session {@link #mark}ed with {@code token} rather than making a new one: proof
     * that the data connection comes from the client holding the control connection (vsftpd's require_ssl_reuse).
     */
    public static boolean resumes(SSLSession data, Object token) {
        return data.getValue(RESUMPTION_MARK) == token;
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
