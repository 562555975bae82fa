package ferry.server.interop;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ferry.server.Server;
import ferry.server.ftp.FtpSessions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real, unmodified FTP clients run as processes against a server with its FTP port on 127.0.0.1. A missing client
 * skips its tests on a developer's machine, but fails them under CI, where .ci/run installs every client and sets
 * FERRY_INTEROP_REQUIRED=1.
 */
final class Tools {
    /** What a finished process printed and returned. */
    record Run(int exit, String out, String err) {}

    private Tools() {}

    /** Skips (or, under CI, fails) unless {@code command} can be run. */
    static void require(String command) {
        boolean found = Files.isExecutable(Path.of("/usr/bin", command)) || onPath(command);
        if (!found && "1".equals(System.getenv("FERRY_INTEROP_REQUIRED"))) {
            throw new AssertionError(command + " is not installed, and FERRY_INTEROP_REQUIRED=1");
        }
        Assumptions.assumeTrue(found, command + " is not installed; the interop tests that need it are skipped");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    /** Runs a command in {@code dir} with no input, waiting at most 60 s. */
    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " still running after 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }

    static void assertOk(Run run) {
        assertTrue(run.exit() == 0, () -> "exit " + run.exit() + "\nstdout: " + run.out() + "\nstderr: " + run.err());
    }

    /** A server with FTP on 127.0.0.1, serving {@code dir}/root to demo:demo and reader:r (read-only). */
    static Server server(Path dir) throws Exception {
        return server(dir, "127.0.0.1");
    }

    /** The same on another loopback address, such as ::1. */
    static Server server(Path dir, String loopback) throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path users = Files.writeString(dir.resolve("users.txt"), "demo:demo\nreader perm=ro:r\n");
        return Server.start(new Server.Config(new InetSocketAddress(loopback, 0), root, users, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5),
                new InetSocketAddress(loopback, 0), new FtpSessions.DataSettings(null, null)));
    }

    static String url(Server server, String path) {
        return "ftp://demo:demo@127.0.0.1:" + server.ftpPort() + "/" + path;
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
