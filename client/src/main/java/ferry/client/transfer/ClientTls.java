package ferry.client.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the client trusts a server's TLS certificate: the system's trust store or a --ca file (with the host name
 * checked), or else a fingerprint pinned in a known-hosts file, as ssh does: an unknown certificate is shown and
 * trusted only if the user says so, once; a changed one is refused loudly. Thread-safe.
 */
public final class ClientTls {
    private final X509ExtendedTrustManager authorities;
    private final Path knownHosts;
    private final Predicate<String> askUser;

    private ClientTls(X509ExtendedTrustManager authorities, Path knownHosts, Predicate<String> askUser) {
        this.authorities = authorities;
        this.knownHosts = knownHosts;
        this.askUser = askUser;
    }

    /**
     * Trusts the certificates in {@code caFile} (or the system's, if null), then the pins in {@code knownHosts};
     * {@code askUser} answers whether to trust and pin an unknown certificate (false when no one can be asked).
     */
    public static ClientTls of(Path caFile, Path knownHosts, Predicate<String> askUser) throws IOException, GeneralSecurityException {
        KeyStore anchors = null;
        if (caFile != null) {
            anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            try (InputStream in = Files.newInputStream(caFile)) {
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    anchors.setCertificateEntry("ca" + i++, certificate);
                }
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return new ClientTls((X509ExtendedTrustManager) factory.getTrustManagers()[0], knownHosts, askUser);
    }

    /** The default known-hosts file: $FERRY_CONFIG_DIR, $XDG_CONFIG_HOME/ferry or ~/.config/ferry, then known_hosts. */
    public static Path defaultKnownHosts() {
        String dir = System.getenv("FERRY_CONFIG_DIR");
        if (dir == null && System.getenv("XDG_CONFIG_HOME") != null) dir = System.getenv("XDG_CONFIG_HOME") + "/ferry";
        if (dir == null) dir = System.getProperty("user.home") + "/.config/ferry";
        return Path.of(dir, "known_hosts");
    }

    /** Wraps a connected socket in TLS 1.2/1.3 and completes the handshake, or fails saying why the server is not trusted. */
    SSLSocket wrap(Socket plain, String host, int port) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new X509ExtendedTrustManager[] {new Pinning(host + ":" + port)}, null);
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // checked by the authorities, not by a pin
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
    }

    public static String fingerprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private Optional<String> pinned(String endpoint) throws IOException {
        if (!Files.exists(knownHosts)) return Optional.empty();
        for (String line : Files.readAllLines(knownHosts, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2 && parts[0].equals(endpoint)) return Optional.of(parts[1]);
        }
        return Optional.empty();
    }

    private void pin(String endpoint, String fingerprint) throws IOException {
        Files.createDirectories(knownHosts.toAbsolutePath().getParent());
        Files.writeString(knownHosts, endpoint + " " + fingerprint + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Trusts what the authorities trust (host name included); otherwise the pin, or the user's yes. */
    private final class Pinning extends X509ExtendedTrustManager {
        private final String endpoint;

        Pinning(String endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                authorities.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException untrusted) {
                checkPin(chain[0], untrusted);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                authorities.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException untrusted) {
                checkPin(chain[0], untrusted);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                authorities.checkServerTrusted(chain, authType);
            } catch (CertificateException untrusted) {
                checkPin(chain[0], untrusted);
            }
        }

        private void checkPin(X509Certificate certificate, CertificateException untrusted) throws CertificateException {
            String fingerprint = fingerprint(certificate);
            Optional<String> pinned;
            try {
                pinned = pinned(endpoint);
            } catch (IOException e) {
                throw new CertificateException("cannot read " + knownHosts + ": " + e.getMessage());
            }
            if (pinned.isPresent()) {
                if (pinned.get().equals(fingerprint)) return;
                throw new CertificateException("WARNING: the certificate of " + endpoint + " HAS CHANGED (pinned "
                        + pinned.get() + ", now " + fingerprint + "). Someone may be intercepting the connection;"
                        + " refusing. If the change is expected, remove its line from " + knownHosts);
            }
            String question = "The server " + endpoint + " has a certificate no authority vouches for ("
                    + untrusted.getMessage() + ").\nSHA-256 fingerprint: " + fingerprint
                    + "\nCompare it with the one the server logged. Trust it and remember it?";
            if (!askUser.test(question)) {
                throw new CertificateException("untrusted certificate, SHA-256 fingerprint " + fingerprint
                        + "; trust it once from a terminal, or pass --ca with the server's certificate");
            }
            try {
                pin(endpoint, fingerprint);
            } catch (IOException e) {
                throw new CertificateException("cannot write " + knownHosts + ": " + e.getMessage());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return authorities.getAcceptedIssuers();
        }
    }
}
