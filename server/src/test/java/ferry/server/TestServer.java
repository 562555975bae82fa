package ferry.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real {@link Server} on 127.0.0.1 and a free port, serving {@code dir/root} to alice (password "secret") and bob
 * (password "pa:ss"). The users file lies beside the root, outside it. Closing it closes the server.
 */
public final class TestServer implements AutoCloseable {
    public static final String USERS = "alice:secret\nbob:pa:ss\n";

    public final Path root;
    public final Server server;

    private TestServer(Path root, Server server) {
        this.root = root;
        this.server = server;
    }

    public static TestServer start(Path dir) throws Exception {
        return start(dir, 100, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    public static TestServer start(Path dir, int maxClients, Duration grace, Duration idleTimeout) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        return start(root, dir.resolve("users.txt"), USERS, maxClients, grace, idleTimeout);
    }

    /** Serves {@code dir/root} to the accounts in {@code users}, written to {@code dir/users.txt}. */
    public static TestServer start(Path dir, String users) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        return start(root, dir.resolve("users.txt"), users, 100, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** Serves {@code root} to the accounts in {@code users}, written to {@code usersFile} (which may lie inside it). */
    public static TestServer start(Path root, Path usersFile, String users, int maxClients, Duration grace,
                                   Duration idleTimeout) throws Exception {
        Files.createDirectories(usersFile.getParent());
        Files.writeString(usersFile, users);
        Server server = Server.start(new Server.Config(new InetSocketAddress("127.0.0.1", 0), root, usersFile,
                maxClients, grace, idleTimeout));
        return new TestServer(root, server);
    }

    public int port() {
        return server.port();
    }

    /** A raw connection that has said nothing yet. */
    public RawClient connect() throws IOException {
        return RawClient.connect(port());
    }

    /** A raw connection past the handshake and logged in as alice. */
    public RawClient login() throws IOException {
        return login("alice", "secret");
    }

    public RawClient login(String user, String password) throws IOException {
        RawClient client = connect();
        client.hello();
        client.login(user, password);
        return client;
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * A server with FTP and implicit FTPS on free ports of 127.0.0.1, serving {@code dir}/root to demo:demo, with
     * TLS {@code identity} and the given FTPS policy; audit log in {@code dir}/audit.log.
     */
    public static ferry.server.Server startFtps(Path dir, ferry.server.tls.ServerTls identity, boolean requireTls,
                                                boolean reuse, boolean tls13) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "demo:demo\n");
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        return ferry.server.Server.start(new ferry.server.Server.Config(any, root, users, 50, Duration.ofSeconds(2),
                Duration.ofSeconds(30), Duration.ofSeconds(5), any, new ferry.server.ftp.FtpSessions.DataSettings(null, null),
                new ferry.server.Server.Security(5, Duration.ofMinutes(5), Duration.ofMillis(1), 64, dir.resolve("audit.log"),
                        identity, requireTls, reuse, any, tls13)));
    }

    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** The uploads in progress (hidden temporary files) lying in {@code folder}. */
    public static List<Path> tempFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".ferry-upload-")).toList();
        }
    }

    /** Deadline poll: waits up to 5 s for {@code condition}, failing with {@code what} otherwise. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 5 s: " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
