package ferry.server.ftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.Server;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

/**
 * A real {@link Server} with its FTP port on 127.0.0.1 (both ports free ones), serving {@code root} to demo (the
 * whole root), bob (read-only, home {@code bob}) and alice (home {@code homes/alice}). Hands out Commons Net clients
 * with every timeout set, and disconnects them before closing the server. Used by one test thread, apart from
 * {@link #client()}, which may be called from many.
 */
final class FtpTestServer implements AutoCloseable {
    static final String USERS = "demo:demo\nbob home=bob perm=ro:b\nalice home=homes/alice:a\n";
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final Path root;
    final Path usersFile;
    final Server server;
    private final List<FTPClient> clients = Collections.synchronizedList(new ArrayList<>());

    private FtpTestServer(Path root, Path usersFile, Server server) {
        this.root = root;
        this.usersFile = usersFile;
        this.server = server;
    }

    /** Serves {@code dir/root}; the users file lies beside it, outside the root. */
    static FtpTestServer start(Path dir) throws Exception {
        return start(Files.createDirectories(dir.resolve("root")), dir.resolve("users.txt"), Duration.ofSeconds(30));
    }

    /** Serves {@code root} with {@code usersFile} (which may lie inside it) and the given idle timeout. */
    static FtpTestServer start(Path root, Path usersFile, Duration idleTimeout) throws Exception {
        Files.createDirectories(root);
        Files.writeString(usersFile, USERS);
        Server server = Server.start(new Server.Config(new InetSocketAddress("127.0.0.1", 0), root, usersFile, 100,
                Duration.ofSeconds(2), idleTimeout, Duration.ofSeconds(1), new InetSocketAddress("127.0.0.1", 0),
                new FtpSessions.DataSettings(null, null)));
        return new FtpTestServer(root, usersFile, server);
    }

    int ftpPort() {
        return server.ftpPort();
    }

    /** A client connected (the 220 greeting read), not logged in; UTF-8 control encoding, 10 s timeouts. */
    FTPClient client() throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setControlEncoding("UTF-8");
        ftp.setConnectTimeout((int) TIMEOUT.toMillis());
        ftp.setDefaultTimeout((int) TIMEOUT.toMillis());
        ftp.setDataTimeout(TIMEOUT);
        clients.add(ftp);
        ftp.connect("127.0.0.1", ftpPort());
        ftp.setSoTimeout((int) TIMEOUT.toMillis());
        return ftp;
    }

    /** A client logged in as {@code user}, in binary type and passive mode (PASV). */
    FTPClient login(String user, String password) throws IOException {
        FTPClient ftp = client();
        assertTrue(ftp.login(user, password), () -> "login of " + user + ": " + ftp.getReplyString());
        assertTrue(ftp.setFileType(FTP.BINARY_FILE_TYPE), ftp::getReplyString);
        ftp.enterLocalPassiveMode();
        return ftp;
    }

    /** The folder FTP shows alice as "/". */
    Path aliceHome() {
        return root.resolve("homes/alice");
    }

    @Override
    public void close() {
        synchronized (clients) {
            for (FTPClient ftp : clients) {
                try {
                    if (ftp.isConnected()) ftp.disconnect();
                } catch (IOException e) {
                    // the server may have closed it first; nothing left to release
                }
            }
        }
        server.close();
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static void store(FTPClient ftp, String path, byte[] content) throws IOException {
        assertTrue(ftp.storeFile(path, new ByteArrayInputStream(content)), () -> "STOR " + path + ": " + ftp.getReplyString());
    }

    static byte[] retrieve(FTPClient ftp, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile(path, out), () -> "RETR " + path + ": " + ftp.getReplyString());
        return out.toByteArray();
    }

    static void assertStoredAndRead(FTPClient ftp, Path file, String path, byte[] content) throws IOException {
        store(ftp, path, content);
        assertArrayEquals(content, Files.readAllBytes(file), "on disk");
        assertArrayEquals(content, retrieve(ftp, path), "downloaded");
    }

    /** Every command sent ("> PASV") and reply line received ("< 227 ...") from now on. */
    static List<String> transcript(FTPClient ftp) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ftp.addProtocolCommandListener(new ProtocolCommandListener() {
            @Override
            public void protocolCommandSent(ProtocolCommandEvent event) {
                lines.add("> " + event.getMessage().strip());
            }

            @Override
            public void protocolReplyReceived(ProtocolCommandEvent event) {
                lines.add("< " + event.getMessage().strip());
            }
        });
        return lines;
    }
}
