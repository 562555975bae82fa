package ferry.server.ftp;

import static ferry.server.ftp.RawFtp.code;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** No FTP bounce (RFC 2577): data connections go only to, and come only from, the control connection's address. */
@Timeout(30)
class FtpDataSecurityTest {
    private static final String THIRD_PARTY = "127.0.0.2";

    @TempDir
    Path dir;

    /** A listener on 127.0.0.2, the third party a bounce would reach; skipped where that address is not local. */
    private static ServerSocketChannel thirdParty() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(THIRD_PARTY, 0));
        } catch (IOException e) {
            channel.close();
            assumeTrue(false, THIRD_PARTY + " is not a local address here: " + e);
        }
        channel.configureBlocking(false);
        return channel;
    }

    @Test
    void portAndEprtToAnotherAddressAreRefusedWithoutConnecting() throws Exception {
        try (var server = FtpTestServer.start(dir); var victim = thirdParty()) {
            Files.writeString(server.root.resolve("x.txt"), "x");
            int port = ((InetSocketAddress) victim.getLocalAddress()).getPort();
            FTPClient ftp = server.login("demo", "demo");
            assertEquals(5, ftp.port(InetAddress.getByName(THIRD_PARTY), port) / 100, ftp.getReplyString());
            assertEquals(5, ftp.eprt(InetAddress.getByName(THIRD_PARTY), port) / 100, ftp.getReplyString());
            // Neither was kept: a transfer now has no data connection at all.
            int first = ftp.retr("x.txt");
            assertEquals(425, first == 150 ? ftp.getReply() : first);
            assertNull(victim.accept(), "the server connected to " + THIRD_PARTY); // the 425 came after any connect
        }
    }

    @Test
    void aPassivePortGivesTheTransferOnlyToTheControlConnectionsAddress() throws Exception {
        byte[] content = FtpTestServer.random(10_000);
        try (var server = FtpTestServer.start(dir); var raw = RawFtp.connect(server.ftpPort());
             var rogue = new Socket(); var client = new Socket()) {
            Files.write(server.root.resolve("x.bin"), content);
            try {
                rogue.bind(new InetSocketAddress(THIRD_PARTY, 0));
            } catch (IOException e) {
                assumeTrue(false, THIRD_PARTY + " is not a local address here: " + e);
            }
            raw.login("demo", "demo");
            assertEquals(200, code(raw.send("TYPE I")));
            String pasv = raw.send("PASV");
            assertEquals(227, code(pasv));
            InetSocketAddress data = new InetSocketAddress("127.0.0.1", RawFtp.pasvPort(pasv));
            rogue.connect(data, 5_000); // first in the queue, from the wrong address
            rogue.setSoTimeout(5_000);
            assertEquals(150, code(raw.send("RETR x.bin")));
            client.connect(data, 5_000);
            client.setSoTimeout(5_000);
            byte[] received;
            try (InputStream in = client.getInputStream()) {
                received = in.readAllBytes();
            }
            assertEquals(226, code(raw.reply()));
            assertArrayEquals(content, received);
            assertEquals(-1, readOrReset(rogue), "the rogue connection got nothing");
        }
    }

    private static int readOrReset(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
