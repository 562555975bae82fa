package ferry.client;

import ferry.client.command.Context;
import ferry.client.repl.LineInput;
import ferry.client.repl.Shell;
import ferry.client.transfer.Connection;
import ferry.server.Server;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * A real server on 127.0.0.1 and a free port, serving {@code root} to the user demo (password "demo"). Public for
 * the tests of ferry.client.repl's package-private types.
 */
public final class TestServer implements AutoCloseable {
    static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    static final Path TESTFILES = REPO.resolve("testfiles");

    public final Path root;
    final Server server;

    private TestServer(Path root, Server server) {
        this.root = root;
        this.server = server;
    }

    /** Serves {@code dir}/root; users.txt lies beside it, outside the root. */
    public static TestServer start(Path dir) throws Exception {
        return start(dir, Duration.ofSeconds(10));
    }

    static TestServer start(Path dir, Duration grace) throws Exception {
        return start(dir, "demo:demo\nalice:s3cret:with:colons\n", grace, Duration.ofSeconds(5));
    }

    /** A server with these users.txt lines (written to {@code dir}/users.txt) and timeouts. */
    static TestServer start(Path dir, String users, Duration grace, Duration lockTimeout) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path usersFile = Files.writeString(dir.resolve("users.txt"), users);
        Server server = Server.start(new Server.Config(new InetSocketAddress("127.0.0.1", 0), root, usersFile, 100,
                grace, Duration.ofSeconds(30), lockTimeout));
        return new TestServer(root, server);
    }

    public int port() {
        return server.port();
    }

    /** A connection logged in as demo. */
    public Connection connect() throws Exception {
        return connect("demo", "demo");
    }

    Connection connect(String user, String password) throws Exception {
        Connection connection = Connection.open("127.0.0.1", port(), Duration.ofSeconds(10));
        connection.login(user, password);
        return connection;
    }

    /** A REPL on a connection logged in as demo, whose local folder is {@code localDir}; output goes to the writers. */
    Shell shell(Path localDir, StringWriter out, StringWriter err) throws Exception {
        return shell(connect(), localDir, out, err);
    }

    static Shell shell(Connection connection, Path localDir, StringWriter out, StringWriter err) {
        return new Shell(new Context(connection, localDir), LineInput.of(new StringReader("")),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Override
    public void close() {
        server.close();
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static void copyTestFile(String name, Path folder) throws IOException {
        Files.copy(TESTFILES.resolve(name), folder.resolve(name));
    }
}
