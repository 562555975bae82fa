package ferry.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.protocol.Frame;
import ferry.protocol.FrameReader;
import ferry.protocol.FrameWriter;
import ferry.protocol.Status;
import ferry.protocol.Wire;
import ferry.server.Server;
import ferry.server.TestServer;
import ferry.server.ftp.FtpSessions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Failed-login back-off and lock-out per address, connections per address, and the audit log of it all. */
@Timeout(60)
class AbuseLimitsTest {
    @TempDir
    Path dir;

    private Server start(int maxFailures, Duration lockout, int maxPerAddress) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "alice:secret\n");
        return Server.start(new Server.Config(new InetSocketAddress("127.0.0.1", 0), root, users, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(1), new InetSocketAddress("127.0.0.1", 0),
                new FtpSessions.DataSettings(null, null),
                new Server.Security(maxFailures, lockout, Duration.ofMillis(20), maxPerAddress, dir.resolve("audit.log"))));
    }

    /** A framed connection from {@code from} (a loopback address), past the handshake. */
    private static Socket connect(Server server, String from) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(10_000);
        new FrameWriter(socket.getOutputStream()).write(new Frame.Hello(Wire.VERSION));
        assertTrue(new FrameReader(socket.getInputStream()).read() instanceof Frame.Welcome);
        return socket;
    }

    private static Frame.Reply login(Socket socket, String password) throws Exception {
        new FrameWriter(socket.getOutputStream()).write(new Frame.Login("alice", password));
        return (Frame.Reply) new FrameReader(socket.getInputStream()).read();
    }

    @Test
    void repeatedFailuresLockOutOneAddressOnlyAndTheLockOutExpires() throws Exception {
        try (Server server = start(3, Duration.ofMillis(500), 64)) {
            for (int attempt = 0; attempt < 3; attempt++) {
                try (Socket socket = connect(server, "127.0.0.1")) {
                    assertEquals(Status.LOGIN_FAILED, login(socket, "wrong").status());
                }
            }
            try (Socket locked = connect(server, "127.0.0.1")) {
                Frame.Reply reply = login(locked, "secret"); // even the right password
                assertEquals(Status.LOGIN_FAILED, reply.status());
                assertTrue(reply.message().startsWith("too many failed logins from your address"), reply.message());
            }
            try (Socket other = connect(server, "127.0.0.2")) {
                assertEquals(Status.OK, login(other, "secret").status(), "another address is not affected");
            }
            TestServer.await("the lock-out expires by itself", () -> {
                try (Socket again = connect(server, "127.0.0.1")) {
                    return login(again, "secret").status() == Status.OK;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            List<String> audit = Files.readAllLines(dir.resolve("audit.log"));
            assertTrue(audit.stream().filter(l -> l.contains(" login-failed address=127.0.0.1 user=alice ")).count() == 3, audit::toString);
            assertTrue(audit.stream().anyMatch(l -> l.contains(" lockout address=127.0.0.1 user=alice ")), audit::toString);
            assertTrue(audit.stream().anyMatch(l -> l.contains(" login-refused address=127.0.0.1 user=alice ")), audit::toString);
        }
    }

    @Test
    void theFtpPortSharesTheLockOut() throws Exception {
        try (Server server = start(2, Duration.ofSeconds(30), 64)) {
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Socket socket = connect(server, "127.0.0.1")) {
                    login(socket, "wrong");
                }
            }
            try (Socket ftp = new Socket("127.0.0.1", server.ftpPort())) {
                ftp.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(ftp.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = ftp.getOutputStream();
                assertTrue(in.readLine().startsWith("220"));
                out.write("USER alice\r\nPASS secret\r\n".getBytes(StandardCharsets.UTF_8));
                assertTrue(in.readLine().startsWith("331"));
                String refused = in.readLine();
                assertTrue(refused.startsWith("421 Too many failed logins from your address"), refused);
            }
        }
    }

    @Test
    void connectionsPastThePerAddressLimitAreToldWhyAndOthersAreServed() throws Exception {
        try (Server server = start(5, Duration.ofSeconds(30), 2);
             Socket first = connect(server, "127.0.0.1");
             Socket second = connect(server, "127.0.0.1");
             Socket third = new Socket("127.0.0.1", server.port());
             Socket elsewhere = connect(server, "127.0.0.2")) {
            third.setSoTimeout(10_000);
            new FrameWriter(third.getOutputStream()).write(new Frame.Hello(Wire.VERSION));
            assertEquals(new Frame.Bye("too many connections from your address (at most 2)"),
                    new FrameReader(third.getInputStream()).read());
            assertEquals(Status.OK, login(elsewhere, "secret").status());
            assertEquals(Status.OK, login(first, "secret").status());
        }
    }

    @Test
    void hostilePathsAreAudited() throws Exception {
        try (Server server = start(5, Duration.ofSeconds(30), 64); Socket socket = connect(server, "127.0.0.1")) {
            assertEquals(Status.OK, login(socket, "secret").status());
            new FrameWriter(socket.getOutputStream()).write(new Frame.Get("../users.txt"));
            assertEquals(Status.NOT_FOUND, ((Frame.Reply) new FrameReader(socket.getInputStream()).read()).status());
            List<String> audit = Files.readAllLines(dir.resolve("audit.log"));
            assertTrue(audit.stream().anyMatch(l -> l.matches("\\S+ refused-path address=127\\.0\\.0\\.1 user=alice .*\\.\\./users\\.txt")),
                    audit::toString);
        }
    }
}
